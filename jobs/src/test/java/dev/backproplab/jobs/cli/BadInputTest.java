package dev.backproplab.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of bad input to {@code bpl sweep}: exit code 2, a one-paragraph message that says what
 * and where, no stack trace, and nothing written. None of these starts Spark.
 */
class BadInputTest {
  private static final String GOOD = """
      name: t
      seed: 3
      dataset: digits
      model: {type: mlp, hidden: [8], activation: relu}
      budget: {epochs: 1}
      repeats: 1
      methods:
        - method: bp
          params: {batch_size: 32}
          grid: {lr: [0.01, 0.1]}
      """;

  @TempDir Path dir;

  // each row: what is wrong, the line of GOOD to replace, its replacement (~ is a line break), the
  // text the message must contain
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      malformed YAML      | model: {type: mlp, hidden: [8]          | model: {type: mlp, hidden: [8       | is not valid YAML
      unknown key         | repeats: 1                              | repeat: 1                           | unknown key 'repeat' (did you mean 'repeats'?)
      unknown param       | params: {batch_size: 32}                | params: {batch_sise: 32}            | unknown parameter 'batch_sise' for method bp (did you mean 'batch_size'?)
      wrong type          | budget: {epochs: 1}                     | budget: {epochs: many}              | budget.epochs: expected an integer, found 'many'
      lr not positive     | grid: {lr: [0.01, 0.1]}                 | grid: {lr: [0.01, -0.1]}            | lr = -0.1 is out of range: expected lr > 0.0
      batch size 0        | params: {batch_size: 32}                | params: {batch_size: 0}             | batch_size = 0 is out of range
      empty grid          | grid: {lr: [0.01, 0.1]}                 | grid: {lr: []}                      | grid.lr is empty
      repeats 0           | repeats: 1                              | repeats: 0                          | repeats must be >= 1, got 0
      unknown method      | - method: bp                            | - method: bpp                       | unknown method 'bpp' (did you mean 'bp'?)
      unknown activation  | activation: relu                        | activation: relux                   | unknown activation 'relux'
      unknown data set    | dataset: digits                         | dataset: digitz                     | Unknown data set 'digitz' (did you mean 'digits'?)
      missing data files  | dataset: digits                         | dataset: cifar10                    | bpl datasets fetch cifar10
      no budget           | budget: {epochs: 1}                     | budget: {}                          | budget needs at least one of epochs, samples, seconds
      bad sweep name      | name: t                                 | name: 'a b'                         | is not a valid sweep id
      dotted sweep name   | name: t                                 | name: t.1                           | give a run id with bpl sweep --run-id
      bad compare alpha   | repeats: 1                              | repeats: 1~compare: {alpha: 2}      | compare: alpha = 2.0: expected a number in (0, 1)
      compare key typo    | repeats: 1                              | repeats: 1~compare: {acuracy_drop: 0.1} | unknown key 'acuracy_drop' (did you mean 'accuracy_drop'?)
      bad time limit      | repeats: 1                              | repeats: 1~max_trial_seconds: 0     | max_trial_seconds must be > 0, got 0.0
      unknown stop rule   | repeats: 1                              | repeats: 1~early_stopping: {rule: hyperband} | early_stopping.rule 'hyperband' is not known: expected one of [median, asha]
      stop rule typo      | repeats: 1                              | repeats: 1~early_stopping: {rule: asha, grace: 2} | unknown key 'grace' (did you mean 'grace_epochs'?)
      cnn for a dfo method | - method: bp                           | - method: es~    model: {type: cnn, conv: [{filters: 2, kernel: 3}]}~  - method: bp | method es on model cnn[c2k3s1p0]p2[8]/relu: method es scores populations of MLPs
      cnn data-parallel   | - method: bp                            | - method: bp-dataparallel~    model: {type: cnn, conv: [{filters: 2, kernel: 3}]}~  - method: bp | method bp-dataparallel trains MLPs (model type mlp), not cnn
      input job, no model | - method: bp                            | - method: invert~  - method: bp      | model is required: the trial id of a run with save_models: true
      input job, unknown trial | - method: bp                       | - method: invert~    params: {model: abc123}~  - method: bp | No saved model of trial abc123 under
      input job, no model file | - method: bp                       | - method: texture~    params: {model: /no/such/x.model}~  - method: bp | No model file /no/such/x.model, and it is not a trial id
      input job, bad selector | - method: bp                        | - method: invert~    params: {model: abc123, source: test-x}~  - method: bp | the text 'test-x' is not a valid source
      conv does not fit   | model: {type: mlp, hidden: [8], activation: relu} | model: {type: cnn, conv: [{filters: 2, kernel: 9}], hidden: [8], activation: relu} | model conv[0] c2k9s1p0 does not fit its input
      ddg split unordered | - method: bp                            | - method: ddg~    params: {modules: 3, split: "2,1"}~  - method: bp | methods[0] (ddg).split: split = '2,1' is not increasing
      ddg split too high  | - method: bp                            | - method: ddg~    params: {split: 2}~  - method: bp | split [2] cuts above the model's last layer with weights: it has 2, so every cut must be in [1, 1]
      cmaes too large     | - method: bp                            | - method: cmaes~    model: {hidden: [60000]}~  - method: bp | use sep-cmaes (diagonal covariance) or a smaller model
      """)
  void badSweepFilesExitWithTwoAndWriteNothing(String what, String from, String to, String expected)
      throws IOException {
    assertTrue(GOOD.contains(from), what);
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, GOOD.replace(from, to.replace("~", "\n")));
    Path out = dir.resolve("results");
    Cli r = Cli.run("sweep", file.toString(), "--out", out.toString());
    assertEquals(2, r.exitCode(), what + ": " + r.err());
    assertTrue(r.err().contains(expected), what + ": " + r.err());
    assertTrue(r.err().startsWith("bpl sweep: "), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(out), "nothing written for " + what);
  }

  @org.junit.jupiter.api.Test
  void aDdgTrialWithMoreModulesThanATaskHasCoresIsBadInput() throws IOException {
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, GOOD.replace("  - method: bp", "  - method: ddg~    params: {modules: 2}~  - method: bp"
        .replace("~", "\n")));
    Path out = dir.resolve("results");
    Cli r = Cli.run("sweep", file.toString(), "--out", out.toString(), "--master", "local[1]");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("sweep.yaml: method ddg"), r.err());
    assertTrue(r.err().contains("modules=2"), r.err());
    assertTrue(r.err().contains("trains each trial on 2 cores (one thread per module) but a task gets 1 from the"
        + " master local[1] (1 core)"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out));
  }

  @org.junit.jupiter.api.Test
  void aBarrierDdgTrialWithMoreModulesThanTheApplicationHasSlotsIsBadInput() throws IOException {
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, GOOD.replace("  - method: bp",
        "  - method: ddg~    params: {modules: 2, execution: barrier}~  - method: bp".replace("~", "\n")));
    Path out = dir.resolve("results");
    Cli r = Cli.run("sweep", file.toString(), "--out", out.toString(), "--master", "local[1]");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("sweep.yaml: ddg with execution: barrier and modules = 2 needs 2 task slots at once"
        + " (one task per module, started together), but the master local[1] (1 core) give 1"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out));
  }

  @org.junit.jupiter.api.Test
  void corruptIdxFileIsBadInput() throws IOException {
    Path data = Files.createDirectories(dir.resolve("mnist-copy"));
    for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
      Files.write(data.resolve(f), new byte[] {0, 0, 8, 4, 0, 0, 0, 1}); // wrong magic, truncated
    }
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, GOOD.replace("dataset: digits", "dataset: " + data));
    Path out = dir.resolve("results");
    Cli r = Cli.run("sweep", file.toString(), "--out", out.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("train-images-idx3-ubyte"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out));
  }

  @org.junit.jupiter.api.Test
  void unwritableOutputFolderIsBadInput() throws IOException {
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, GOOD);
    Path blocker = Files.writeString(dir.resolve("a-file"), "x");
    Cli r = Cli.run("sweep", file.toString(), "--out", blocker.resolve("results").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("cannot write results to " + blocker.resolve("results")), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @org.junit.jupiter.api.Test
  void missingSweepFileAndUnknownCommandAreBadUsage() {
    Cli missing = Cli.run("sweep", dir.resolve("nope.yaml").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("does not exist"), missing.err());
    assertEquals(2, Cli.run("swep").exitCode());
    assertEquals(2, Cli.run().exitCode());
    Cli help = Cli.run("sweep", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("--out"), help.out());
  }

  @org.junit.jupiter.api.Test
  void unknownBenchFormatOrModelIsBadInput() {
    Cli format = Cli.run("bench", "train", "--format", "xml");
    assertEquals(2, format.exitCode());
    assertTrue(format.err().contains("--format 'xml'") && format.err().contains("table or json"), format.err());
    Cli model = Cli.run("bench", "train", "--model", "vgg");
    assertEquals(2, model.exitCode());
    assertTrue(model.err().contains("--model 'vgg'") && model.err().contains("mlp, small or lenet"), model.err());
    Cli nets = Cli.run("bench", "ddg", "--nets", "mlp,resnet");
    assertEquals(2, nets.exitCode());
    assertTrue(nets.err().contains("--nets entry 'resnet' is not known: expected some of [lenet, mlp, mlp512, mlp800]"),
        nets.err());
    Cli methods = Cli.run("bench", "tune", "--tune-parts", "mnist", "--tune-methods", "bp,dfa");
    assertEquals(2, methods.exitCode());
    assertTrue(methods.err().contains("unknown --tune-methods entry 'dfa': expected some of [bp, fa]"), methods.err());
    Cli optimizers = Cli.run("bench", "tune", "--tune-parts", "mnist", "--tune-optimizers", "cma");
    assertEquals(2, optimizers.exitCode());
    assertTrue(optimizers.err().contains("--tune-optimizers: unknown optimizer 'cma'"), optimizers.err());
    Cli examples = Cli.run("bench", "ddg", "--examples", "0");
    assertEquals(2, examples.exitCode());
    assertTrue(examples.err().contains("--examples") && examples.err().contains("must be positive"), examples.err());
  }

  @org.junit.jupiter.api.Test
  void badRunIdsAreBadInput() throws IOException {
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, GOOD);
    Path out = dir.resolve("results");
    String[][] cases = {
      {"{week}", "unknown placeholder {week}"},
      {"a.b", "run id 'a.b' is not valid"},
      {"", "run id '' is not valid"},
    };
    for (String[] c : cases) {
      Cli r = Cli.run("sweep", file.toString(), "--out", out.toString(), "--run-id", c[0]);
      assertEquals(2, r.exitCode(), c[0] + ": " + r.err());
      assertTrue(r.err().contains(c[1]), r.err());
      assertFalse(Files.exists(out), "nothing written for --run-id " + c[0]);
    }
    Cli both = Cli.run("sweep", file.toString(), "--out", out.toString(), "--run-id", "x", "--fresh");
    assertEquals(2, both.exitCode(), both.err());
    assertTrue(both.err().contains("--fresh and --run-id exclude each other"), both.err());
  }

  @org.junit.jupiter.api.Test
  void compareWithoutRunsOrWithBadOptionsIsBadInput() throws IOException {
    Path out = Files.createDirectories(dir.resolve("results"));
    Cli none = Cli.run("compare", "--results", out.toString(), "--sweep", "t");
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.err().contains("no runs of sweep 't'"), none.err());
    Cli format = Cli.run("compare", "--results", out.toString(), "--sweep", "t", "--format", "xml");
    assertEquals(2, format.exitCode(), format.err());
    Cli name = Cli.run("compare", "--results", out.toString(), "--sweep", "t.x");
    assertEquals(2, name.exitCode(), name.err());
    assertTrue(name.err().contains("expected a sweep's name"), name.err());
    Cli help = Cli.run("compare", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("--baseline") && help.out().contains("3 regression"), help.out());
  }
}
