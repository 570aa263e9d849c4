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
 * notes (docs/adr/0010 has the rule that keeps ids when a defaulted parameter is added).
 */
class TrialIdsGoldenTest {
  private static final Map<String, String> QUICKSTART = Map.of(
      "bp", "5673ea276c094efc 6a4402b5a11fc239 70ee0f59f172ef95 8f7fb2bbabc13815 983b6a24494cfdb6"
          + " b6bb81f2ab0c28db d71c295361b1ceae faa16320762eb57d",
      "cmaes", "4ecb6c89dc363dd0 68d96a207cc7c061",
      "dfa", "5a790374fed3d2d2 738bb762568da025 7ca5186539ad9ec8 da462046b71e2640",
      "es", "180ec7f979b902e0 c6ef1167071ef7d4",
      "fa", "204f7d3ffab9bbce 51d47db5908a2471 8430c4393dcda23d c7a83d4db63da6e0",
      "ga", "4f797ef3f1216b50 8a3b103f0a0b4524",
      "nelder-mead", "5d1e847c5efb19a8 e5fbce4097c77946",
      "sa", "34c848e72ed0bdc2 5b57a2925ae88de2");

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
