package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.Catalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The trial ids of the quickstart sweep file, pinned: results written by earlier builds are found by
 * resume only while these stay the same. A change here must be deliberate and said in the change's
 * notes (docs/adr/0010 has the rule that keeps ids when a defaulted parameter is added). Last changed
 * when the validation holdout joined the key: every trial trains on less data than before it. The
 * ddg trials were added later, leaving every earlier id as it was.
 */
class TrialIdsGoldenTest {
  private static final Map<String, String> QUICKSTART = Map.of(
      "bp", "75a8fd87475dd08d 9652da46d1e67b43 9b5d0e62ad34a43b aff95d9ac98f9093 bbde6855626b42ba"
          + " bc8b4882b0d43aee dcc748a154a7d1cb f04904dbafc2860c",
      "cmaes", "a18d9a198bd6f70e f8fa76ba8640e23c",
      "ddg", "46107103c4bf6978 811b9db98f445323 b4071cfaf99d011e d857da9be92a55dc",
      "dfa", "548b0cd07ca9df77 844266f9d9792cd1 ba31af85b8edc9c4 fcceda4fdf9fb404",
      "es", "0780ffda5413eab1 4b611dafd778d1d0",
      "fa", "2de7510848323f9c 765bb82bb796bced f50d363e88c96a63 fa09053c663de9c7",
      "ga", "97e29c755d3741ab fe6d193b8986e5dc",
      "nelder-mead", "381e62b661142d18 6c8cb82cfd0692a6",
      "sa", "527eed73be65922e e4d02d6c65d8c6d9");

  @Test
  void quickstartIdsArePinned() throws Exception {
    Path file = Path.of("conf/sweeps/quickstart.yaml");
    SweepSpec sweep = SweepFileParser.parse(Files.readString(file), file.toString());
    List<TrialSpec> trials = SweepExpander.expand(sweep, Catalogue.METHODS, file.toString());
    Map<String, String> ids = new TreeMap<>(trials.stream().collect(Collectors.groupingBy(TrialSpec::method,
        Collectors.mapping(TrialSpec::trialId, Collectors.toCollection(TreeSet::new)))).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.join(" ", e.getValue()))));
    assertEquals(new TreeMap<>(QUICKSTART), ids);
  }
}
