package dev.backproplab.jobs.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.jobs.Cli;
import dev.backproplab.jobs.SharedSpark;
import dev.backproplab.jobs.cli.ExitCodes;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.sweep.SweepFileParser;
import dev.backproplab.jobs.sweep.SweepJob;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a nightly schedule does, end to end on local mode: three runs of one small sweep under run
 * ids, each followed by {@code bpl compare}. Between the second and the third the data set is
 * degraded (a copy with 40 % of its training labels shuffled): the first two compare clean (exit 0),
 * the third regresses (exit 3) and the verdicts keep the second as last-good.
 */
@Tag("spark")
class ScheduledRunsTest {
  private static final int TRAIN = 1400;

  @TempDir Path dir;

  @Test
  void threeNightlyRunsTheThirdOnDegradedDataRegresses() throws Exception {
    List<int[]> digits = digits();
    Path clean = writeIdx(dir.resolve("data/clean"), digits, 0, 0);
    Path degraded = writeIdx(dir.resolve("data/degraded"), digits, 0.4, 17);
    String results = dir.resolve("results").toString();

    run(clean, "n1", results);
    Cli first = Cli.run("compare", "--results", results, "--sweep", "nightly");
    assertEquals(ExitCodes.OK, first.exitCode(), first.out() + first.err());
    assertTrue(first.out().contains("the first run of nightly"), first.out());

    run(clean, "n2", results);
    Cli second = Cli.run("compare", "--results", results, "--sweep", "nightly");
    assertEquals(ExitCodes.OK, second.exitCode(), second.out() + second.err());
    assertTrue(second.out().contains("against n1 (last-good"), second.out());
    assertTrue(second.out().contains("verdict: clean (2 configurations compared)"), second.out());

    // a new path for the degraded copy: the data cache of this JVM keeps the clean copy by its path
    run(degraded, "n3", results);
    Cli third = Cli.run("compare", "--results", results, "--sweep", "nightly", "--format", "json");
    assertEquals(ExitCodes.REGRESSION, third.exitCode(), third.out() + third.err());
    assertTrue(third.out().contains("\"verdict\":\"regression\""), third.out());
    assertTrue(third.out().contains("\"run_id\":\"n2\""), "baseline n2: " + third.out());
    assertTrue(third.out().contains("validation accuracy fell"), third.out());
    assertTrue(third.out().contains("the data set changed"), third.out());

    // the verdicts on disk: n3 is not last-good, so judging it again still compares with n2
    Cli again = Cli.run("compare", "--results", results, "--sweep", "nightly", "--run", "n3");
    assertEquals(ExitCodes.REGRESSION, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("against n2 (last-good"), again.out());
    assertTrue(Files.readString(dir.resolve("results/verdicts/nightly/n2.yaml")).contains("verdict: clean"));
    Cli runs = Cli.run("query", "--results", results, "--format", "csv",
        "SELECT sweep_name, run_id, trials FROM sweep_runs ORDER BY started_at");
    assertEquals("sweep_name,run_id,trials\nnightly,n1,6\nnightly,n2,6\nnightly,n3,6\n", runs.out(), runs.err());
    Cli report = Cli.run("report", "--results", results, "--out", dir.resolve("report").toString());
    assertEquals(ExitCodes.OK, report.exitCode(), report.err());
    String page = Files.readString(dir.resolve("report/index.html"));
    assertTrue(page.contains("<h2>Runs of sweep nightly over time</h2>"), "the runs over time");
    assertTrue(page.contains("<td>regression</td>") && page.contains("<td>clean</td>"), "the verdicts in the runs' table");
  }

  private static void run(Path data, String runId, String results) throws Exception {
    String text = """
        name: nightly
        seed: 3
        dataset: %s
        model: {type: mlp, hidden: [32], activation: tanh}
        budget: {epochs: 6}
        repeats: 3
        compare: {seconds_ratio: 10}
        methods:
          - method: bp
            params: {optimizer: momentum, momentum: 0.9, batch_size: 32}
            grid: {lr: [0.03, 0.1]}
        """.formatted(data);
    SweepSpec sweep = SweepFileParser.parse(text, "nightly.yaml").withRun(runId);
    StringWriter log = new StringWriter();
    SweepJob job = new SweepJob(sweep, "nightly.yaml", text, new ResultsStore(results), new PrintWriter(log, true));
    job.run(SharedSpark.session(), job.validate());
  }

  /** The embedded digits, one {64 pixels (0..16), label} row each. */
  private static List<int[]> digits() throws IOException {
    List<int[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        ScheduledRunsTest.class.getResourceAsStream("/dev/backproplab/datasets/digits.csv.gz")), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          rows.add(java.util.Arrays.stream(line.split(",")).mapToInt(s -> (int) Double.parseDouble(s)).toArray());
        }
      }
    }
    return rows;
  }

  /**
   * Writes the digits as the four IDX files of a data set folder (the first {@value #TRAIN} rows to
   * train, the rest to test), with {@code share} of the training labels shuffled among themselves.
   */
  private static Path writeIdx(Path folder, List<int[]> rows, double share, long seed) throws IOException {
    Files.createDirectories(folder);
    int[] labels = rows.stream().mapToInt(r -> r[64]).toArray();
    Random random = new Random(seed);
    List<Integer> picked = new ArrayList<>();
    for (int i = 0; i < TRAIN; i++) {
      if (random.nextDouble() < share) {
        picked.add(i);
      }
    }
    List<Integer> shuffled = new ArrayList<>(picked.stream().map(i -> labels[i]).toList());
    java.util.Collections.shuffle(shuffled, random);
    for (int k = 0; k < picked.size(); k++) {
      labels[picked.get(k)] = shuffled.get(k);
    }
    write(folder.resolve("train-images-idx3-ubyte"), folder.resolve("train-labels-idx1-ubyte"), rows, labels, 0, TRAIN);
    write(folder.resolve("t10k-images-idx3-ubyte"), folder.resolve("t10k-labels-idx1-ubyte"), rows, labels, TRAIN,
        rows.size());
    return folder;
  }

  private static void write(Path images, Path labelsFile, List<int[]> rows, int[] labels, int from, int to)
      throws IOException {
    try (DataOutputStream im = new DataOutputStream(Files.newOutputStream(images));
        DataOutputStream lb = new DataOutputStream(Files.newOutputStream(labelsFile))) {
      im.writeInt(0x00000803);
      im.writeInt(to - from);
      im.writeInt(8);
      im.writeInt(8);
      lb.writeInt(0x00000801);
      lb.writeInt(to - from);
      for (int i = from; i < to; i++) {
        for (int p = 0; p < 64; p++) {
          im.writeByte(rows.get(i)[p] * 15); // 0..16 to 0..240 of 255
        }
        lb.writeByte(labels[i]);
      }
    }
  }
}
