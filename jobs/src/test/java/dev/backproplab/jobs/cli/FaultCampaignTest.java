package dev.backproplab.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.Cli;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input campaign, end to end through the CLI as a user types it: each case is a command
 * line over files made for it, the exit code it must end with, and text its message must contain
 * (the option, key, file or line and the value given). Every case also checks that no stack trace is
 * printed and that no results folder is left behind. None starts Spark.
 */
class FaultCampaignTest {
  private static final String GOOD = """
      name: t
      seed: 3
      dataset: digits
      model: {type: mlp, hidden: [8], activation: relu}
      budget: {epochs: 1}
      repeats: 1
      early_stopping: {rule: median, grace_epochs: 1, min_trials: 3}
      methods:
        - method: bp
          params: {batch_size: 32}
          grid: {lr: [0.01, 0.1]}
        - method: bp
          params: {batch_size: 32}
          random: {samples: 2, lr: {loguniform: [0.001, 0.1]}}
      """;

  @TempDir static Path dir;

  /** A case: what it is, the command line (given the temp folder and the results folder), exit code, text. */
  record Case(String what, Function<Path, List<String>> args, int exit, String expected) {
    @Override
    public String toString() {
      return what;
    }
  }

  private static int n;

  /** A sweep file: GOOD with one text replaced (~ is a line break). */
  private static Case edit(String what, String fromText, String to, String expected) {
    String from = fromText.replace("~", "\n");
    if (!GOOD.contains(from)) {
      throw new IllegalArgumentException(what + ": GOOD has no '" + from + "'");
    }
    String name = "sweep-" + (n++) + ".yaml";
    return new Case(what, out -> List.of("sweep", write(name, GOOD.replace(from, to.replace("~", "\n"))),
        "--out", out.toString()), 2, expected);
  }

  /** A sweep over a data file written for the case. */
  private static Case data(String what, String fileName, byte[] content, String expected) {
    String folder = "data-" + (n++);
    return new Case(what, out -> {
      Path f = dir.resolve(folder).resolve(fileName);
      try {
        Files.createDirectories(f.getParent());
        Files.write(f, content);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      String dataset = fileName.endsWith(".csv") ? f.toString() : f.getParent().toString();
      return List.of("sweep", write(folder + ".yaml", GOOD.replace("dataset: digits", "dataset: " + dataset)),
          "--out", out.toString());
    }, 2, expected);
  }

  /** Four IDX files in a folder: train images and labels as given, a valid small test pair. */
  private static Case idx(String what, byte[] trainImages, byte[] trainLabels, String expected) {
    String folder = "idx-" + (n++);
    return new Case(what, out -> {
      try {
        Path d = Files.createDirectories(dir.resolve(folder));
        Files.write(d.resolve("train-images-idx3-ubyte"), trainImages);
        Files.write(d.resolve("train-labels-idx1-ubyte"), trainLabels);
        Files.write(d.resolve("t10k-images-idx3-ubyte"), images(2, 2, 2));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), labels(0, 1));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return List.of("sweep", write(folder + ".yaml",
          GOOD.replace("dataset: digits", "dataset: " + dir.resolve(folder))), "--out", out.toString());
    }, 2, expected);
  }

  private static Case cli(String what, int exit, String expected, Function<Path, List<String>> args) {
    return new Case(what, args, exit, expected);
  }

  private static String write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text).toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] csv(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A CSV of 2 features per row, with the given labels, each twice so a split keeps every class. */
  private static byte[] csvWithLabels(String... labels) {
    StringBuilder b = new StringBuilder();
    for (int copy = 0; copy < 4; copy++) {
      for (String l : labels) {
        b.append("0.5,").append(copy).append(',').append(l).append('\n');
      }
    }
    return csv(b.toString());
  }

  static byte[] images(int count, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
    b.putInt(0x803).putInt(count).putInt(rows).putInt(cols);
    return b.array();
  }

  static byte[] labels(int... values) {
    ByteBuffer b = ByteBuffer.allocate(8 + values.length);
    b.putInt(0x801).putInt(values.length);
    for (int v : values) {
      b.put((byte) v);
    }
    return b.array();
  }

  private static byte[] header(int magic, int... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.array();
  }

  static Stream<Arguments> cases() {
    List<Case> c = new ArrayList<>();
    // numbers beyond their range: refused with the value as written
    c.add(edit("epochs 2^32+1", "budget: {epochs: 1}", "budget: {epochs: 4294967297}",
        "budget.epochs: 4294967297 is out of range"));
    c.add(edit("random samples 2^32+1", "random: {samples: 2,", "random: {samples: 4294967297,",
        "methods[1].random.samples: 4294967297 is out of range"));
    c.add(edit("tune objective on test", "random: {samples: 2, lr: {loguniform: [0.001, 0.1]}}",
        "tune: {optimizer: cmaes, trials: 4, objective: {metric: test_accuracy}, space: {lr: {loguniform: [0.001, 0.1]}}}",
        "unknown objective metric 'test_accuracy': a search chooses on the validation split, never on test"));
    c.add(edit("tune lr above its range", "random: {samples: 2, lr: {loguniform: [0.001, 0.1]}}",
        "tune: {optimizer: ga, trials: 4, space: {momentum: {uniform: [0.5, 2.0]}}}",
        "methods[1] (bp).tune.space.momentum: momentum = 2.0 is out of range"));
    c.add(edit("repeats 2^32+1", "repeats: 1", "repeats: 4294967297", "repeats: 4294967297 is out of range"));
    c.add(edit("repeats 2^31", "repeats: 1", "repeats: 2147483648", "repeats: 2147483648 is out of range"));
    c.add(edit("grace_epochs 2^32", "grace_epochs: 1", "grace_epochs: 4294967296",
        "early_stopping.grace_epochs: 4294967296 is out of range"));
    c.add(edit("min_trials -2^31-1", "min_trials: 3", "min_trials: -2147483649",
        "early_stopping.min_trials: -2147483649 is out of range"));
    c.add(edit("seed beyond 64 bits", "seed: 3", "seed: 99999999999999999999",
        "seed: expected a number that fits in 64 bits, found '99999999999999999999'"));
    c.add(edit("samples budget beyond 64 bits", "budget: {epochs: 1}", "budget: {samples: 99999999999999999999}",
        "budget.samples: expected a number that fits in 64 bits, found '99999999999999999999'"));
    c.add(edit("hidden width 2^32", "hidden: [8]", "hidden: [4294967296]", "model.hidden: expected positive integer widths, got 4294967296"));
    c.add(edit("repeats negative", "repeats: 1", "repeats: -1", "repeats must be >= 1, got -1"));
    c.add(edit("epochs 0", "budget: {epochs: 1}", "budget: {epochs: 0}", "budget epochs must be >= 1, got 0"));
    c.add(edit("epochs fractional", "budget: {epochs: 1}", "budget: {epochs: 1.5}",
        "budget.epochs: expected an integer, found '1.5'"));
    c.add(edit("samples negative", "budget: {epochs: 1}", "budget: {samples: -5}",
        "budget samples must be >= 1, got -5"));
    c.add(edit("seconds negative", "budget: {epochs: 1}", "budget: {seconds: -1}",
        "budget seconds must be > 0, got -1.0"));
    c.add(edit("time limit negative", "repeats: 1", "repeats: 1~max_trial_seconds: -3",
        "max_trial_seconds must be > 0, got -3.0"));
    c.add(edit("lr NaN", "grid: {lr: [0.01, 0.1]}", "grid: {lr: [0.01, .nan]}", "methods[0].grid.lr[1]: expected a finite number, found '.nan'"));
    c.add(edit("lr infinite", "grid: {lr: [0.01, 0.1]}", "grid: {lr: [0.01, .inf]}", "methods[0].grid.lr[1]: expected a finite number, found '.inf'"));
    c.add(edit("lr text", "grid: {lr: [0.01, 0.1]}", "grid: {lr: [0.01, fast]}", "expected a number for lr, got the text 'fast'"));
    c.add(edit("batch size 0", "params: {batch_size: 32}~    grid", "params: {batch_size: 0}~    grid",
        "batch_size = 0 is out of range"));
    c.add(edit("hidden width 0", "hidden: [8]", "hidden: [0]", "model.hidden: expected positive integer widths, got 0"));
    c.add(edit("random samples 0", "random: {samples: 2,", "random: {samples: 0,", "'samples' must be given and >= 1"));
    c.add(edit("log-uniform bounds reversed", "loguniform: [0.001, 0.1]", "loguniform: [0.1, 0.001]", "loguniform needs low < high, got [0.1, 0.001]"));
    c.add(edit("reduction factor 1", "min_trials: 3", "min_trials: 3, reduction_factor: 1", "early_stopping.reduction_factor must be >= 2, got 1"));
    // structure
    c.add(edit("methods empty", "methods:~  - method: bp~    params: {batch_size: 32}~    grid: {lr: [0.01, 0.1]}~"
        + "  - method: bp~    params: {batch_size: 32}~    random: {samples: 2, lr: {loguniform: [0.001, 0.1]}}",
        "methods: []", "methods is empty"));
    c.add(edit("methods a mapping", "methods:~  - method: bp", "methods:~  x: 1~  y:~  - method: bp", "methods: expected a list of methods, found a mapping"));
    c.add(edit("name missing", "name: t~", "", "the required key 'name' is missing"));
    c.add(edit("dataset missing", "dataset: digits~", "", "the required key 'dataset' is missing"));
    c.add(edit("name too long", "name: t", "name: " + "n".repeat(101), "is not a valid sweep id"));
    c.add(edit("name with a slash", "name: t", "name: a/b", "is not a valid sweep id"));
    c.add(edit("duplicate key", "repeats: 1", "repeats: 1~repeats: 2", "key 'repeats' appears twice"));
    c.add(edit("tab indentation", "repeats: 1", "repeats:\t1~\tseed: 2", "is not valid YAML"));
    c.add(edit("unknown activation", "activation: relu", "activation: relu6", "unknown activation 'relu6'"));
    c.add(edit("unknown model type", "type: mlp", "type: transformer", "unknown model type 'transformer'"));
    c.add(edit("unknown budget key", "budget: {epochs: 1}", "budget: {epoch: 1}", "unknown key 'epoch'"));
    c.add(edit("unknown stopping metric", "rule: median,", "rule: median, metric: f1,", "early_stopping.metric 'f1' is not known"));
    // the command line
    c.add(cli("empty sweep file", 2, "is empty", out -> List.of("sweep", write("empty.yaml", ""), "--out", out.toString())));
    c.add(cli("sweep file missing", 2, "does not exist",
        out -> List.of("sweep", dir.resolve("nope.yaml").toString(), "--out", out.toString())));
    c.add(cli("sweep file a folder", 2, "is a folder", out -> List.of("sweep", dir.toString(), "--out", out.toString())));
    c.add(cli("--out empty", 2, "--out is empty", out -> List.of("sweep", write("g1.yaml", GOOD), "--out", "")));
    c.add(cli("--out blank", 2, "--out is empty", out -> List.of("sweep", write("g2.yaml", GOOD), "--out", "  ")));
    c.add(cli("--out under a file", 2, "cannot write results to", out -> List.of("sweep", write("g3.yaml", GOOD),
        "--out", write("plain-file", "x") + "/results")));
    c.add(cli("--out unknown scheme", 2, "cannot write results to nosuch://x/results",
        out -> List.of("sweep", write("g4.yaml", GOOD), "--out", "nosuch://x/results")));
    c.add(cli("--master unknown scheme", 2, "--master 'foo://x:7077' is not a Spark master URL",
        out -> List.of("sweep", write("g5.yaml", GOOD), "--out", out.toString(), "--master", "foo://x:7077")));
    c.add(cli("--master bad local", 2, "--master 'local[x]'",
        out -> List.of("sweep", write("g6.yaml", GOOD), "--out", out.toString(), "--master", "local[x]")));
    c.add(cli("--master empty", 2, "--master ''",
        out -> List.of("sweep", write("g7.yaml", GOOD), "--out", out.toString(), "--master", "")));
    c.add(cli("--fresh id too long", 2, "--fresh: name '" + "n".repeat(90),
        out -> List.of("sweep", write("long.yaml", GOOD.replace("name: t", "name: " + "n".repeat(90))),
            "--out", out.toString(), "--fresh")));
    c.add(cli("unknown option", 2, "Unknown options: '--outt'",
        out -> List.of("sweep", write("g8.yaml", GOOD), "--outt", out.toString())));
    c.add(cli("missing FILE", 2, "Missing required parameter: 'FILE'", out -> List.of("sweep")));
    c.add(cli("unknown command", 2, "Unmatched argument", out -> List.of("swep")));
    c.add(cli("no command", 2, "a command is required", out -> List.of()));
    c.add(cli("query without results", 2, "no results in", out -> List.of("query", "--results", out.toString(), "SELECT 1")));
    c.add(cli("query on empty tables", 2, "no results yet in", out -> {
      try {
        Files.createDirectories(out.resolve("trials/sweep_id=x/method=bp"));
        Files.createDirectories(out.resolve("curves/sweep_id=x/method=bp"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return List.of("query", "--results", out.toString(), "SELECT count(*) FROM trials");
    }));
    c.add(cli("query on unreadable rows only", 2, "unreadable: ", out -> {
      try {
        Files.createDirectories(out.resolve("curves"));
        Files.writeString(Files.createDirectories(out.resolve("trials/sweep_id=x/method=bp"))
            .resolve("ab-1-COMPLETED.parquet"), "cut short");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return List.of("query", "--results", out.toString(), "SELECT count(*) FROM trials");
    }));
    c.add(cli("query bad format", 2, "--format 'xml' is not known",
        out -> List.of("query", "--results", out.toString(), "--format", "xml", "SELECT 1")));
    c.add(cli("query bad master", 2, "--master 'nope'",
        out -> List.of("query", "--results", out.toString(), "--master", "nope", "SELECT 1")));
    // CSV data
    c.add(data("CSV label 3e9", "a.csv", csvWithLabels("0", "1", "3e9"), "line 3: label (column 3) was 3e9"));
    c.add(data("CSV one class", "b.csv", csvWithLabels("0"), "every row has label 0, expected at least 2 classes"));
    c.add(data("CSV label 999999", "c.csv", csvWithLabels("0", "1", "999999"),
        "label (column 3) was 999999, expected an integer class index 0..999 (at most 1000 classes"));
    c.add(data("CSV label negative", "d.csv", csvWithLabels("0", "-1"), "label (column 3) was -1"));
    c.add(data("CSV label fractional", "e.csv", csvWithLabels("0", "1.5"), "label (column 3) was 1.5"));
    c.add(data("CSV label gap", "f.csv", csvWithLabels("0", "2"), "no example of class [1] of 0..2"));
    c.add(data("CSV label NaN", "g.csv", csvWithLabels("0", "NaN"), "column 3 was 'NaN', expected a finite number"));
    c.add(data("CSV feature text", "h.csv", csv("0.5,1,0\n0.5,x,1\n"), "line 2: column 2 was 'x'"));
    c.add(data("CSV ragged row", "i.csv", csv("0.5,1,0\n0.5,1\n"), "line 2: found 2 values, expected 3"));
    c.add(data("CSV empty", "j.csv", csv(""), "it has no data rows"));
    c.add(data("CSV only blank lines", "k.csv", csv("\n\n  \n"), "it has no data rows"));
    // IDX data: headers are checked against what the file holds before memory is taken
    c.add(idx("IDX 12-byte labels file declaring 2^31-1 labels", images(2, 2, 2), header(0x801, Integer.MAX_VALUE, 0),
        "truncated: the header declares 2147483647 labels but the file ends after 4 of them"));
    c.add(idx("IDX 32-byte images file declaring 2 GiB", concat(header(0x803, 8191, 512, 512), new byte[16]),
        labels(0, 1), "truncated: the header declares 8191 images of 512x512"));
    c.add(idx("IDX wrong magic", header(0x802, 1, 1, 1), labels(0, 1), "magic number was 0x00000802"));
    c.add(idx("IDX negative count", header(0x803, -1, 2, 2), labels(0, 1), "expected positive counts"));
    c.add(idx("IDX counts disagree", images(3, 2, 2), labels(0, 1), "holds 3 images but"));
    c.add(idx("IDX one class", images(2, 2, 2), labels(0, 0), "no example of class"));
    c.add(idx("IDX trailing bytes", concat(images(2, 2, 2), new byte[3]), labels(0, 1), "3 unexpected bytes"));
    c.add(cli("data set path missing", 2, "no-such-data does not exist, and it is not a known data set name", out -> List.of("sweep",
        write("nodata.yaml", GOOD.replace("dataset: digits", "dataset: " + dir.resolve("no-such-data"))),
        "--out", out.toString())));
    c.add(cli("data set folder empty", 2, "holds neither the four IDX files", out -> {
      try {
        Files.createDirectories(dir.resolve("empty-data"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return List.of("sweep", write("emptydata.yaml",
          GOOD.replace("dataset: digits", "dataset: " + dir.resolve("empty-data"))), "--out", out.toString());
    }));
    return c.stream().map(Arguments::of);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachBadInputIsRefusedWithItsValueAndLeavesNothing(Case c) {
    Path out = dir.resolve("results-" + Math.abs(c.what().hashCode()));
    Cli r = Cli.run(c.args().apply(out).toArray(String[]::new));
    String all = r.err() + r.out();
    assertEquals(c.exit(), r.exitCode(), c.what() + ": " + all);
    assertTrue(r.err().contains(c.expected()), c.what() + ": expected '" + c.expected() + "' in: " + all);
    assertFalse(all.contains("\tat ") || all.contains("Exception in thread"), "no stack trace: " + all);
    if (!c.args().apply(out).contains("query")) {
      assertFalse(Files.exists(out), "nothing written for " + c.what());
    }
  }
}
