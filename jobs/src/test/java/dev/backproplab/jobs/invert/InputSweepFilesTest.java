package dev.backproplab.jobs.invert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.invert.InputJobConfig;
import dev.backproplab.core.sweep.SweepExpander;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.sweep.SweepFileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The input-optimisation sweep files name their models by the trial ids of the training sweeps they
 * follow: those ids come from the training files, so a change to a training file that changes them
 * must change the input file too. Each model named (the job's, its statistics' and its judges') is a trial of a
 * training file that saves its models, and the input file's model is that trial's.
 */
class InputSweepFilesTest {
  private static List<TrialSpec> trials(String file) throws Exception {
    String text = Files.readString(Path.of("conf", "sweeps", file));
    return SweepExpander.expand(SweepFileParser.parse(text, file), Catalogue.METHODS, file);
  }

  @ParameterizedTest
  @CsvSource({"espeak-inputs.yaml, espeak-words.yaml espeak-speakers.yaml espeak-speaker-judge.yaml",
      "espeak-convert-tuning.yaml, espeak-words.yaml espeak-speakers.yaml espeak-speaker-judge.yaml",
      "fashion-inputs.yaml, fashion-cnn.yaml"})
  void everyModelNamedIsATrialOfASweepThatSavesIt(String inputs, String training) throws Exception {
    Map<String, TrialSpec> trained = new HashMap<>();
    for (String f : training.split(" ")) {
      String text = Files.readString(Path.of("conf", "sweeps", f));
      assertTrue(SweepFileParser.parse(text, f).saveModels(), f + " keeps its models");
      trials(f).forEach(t -> trained.put(t.trialId(), t));
    }
    List<TrialSpec> jobs = trials(inputs);
    assertFalse(jobs.isEmpty());
    for (TrialSpec t : jobs) {
      InputJobConfig c = (InputJobConfig) t.config();
      TrialSpec source = trained.get(c.model());
      assertTrue(source != null, inputs + " names " + c.model() + ", not a trial of " + training);
      assertEquals(source.model(), t.model(), "the block's model is the saved one");
      assertTrue(trained.containsKey(c.statsModel()), inputs + " takes statistics from " + c.statsModel()
          + ", not a trial of " + training);
      for (String judge : c.judges().values()) {
        assertTrue(trained.containsKey(judge), inputs + " judges with " + judge + ", not a trial of " + training);
      }
    }
  }
}
