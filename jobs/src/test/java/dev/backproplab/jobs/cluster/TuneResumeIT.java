package dev.backproplab.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search's driver killed mid-search in local mode (a spark-submit'ted driver, {@code local[2]}), and
 * the same command run again: the trials committed before the kill are replayed, not recomputed, and the
 * search ends with each of its trials committed once. {@link StandaloneClusterIT} runs the same on the
 * standalone cluster.
 */
@Tag("cluster")
class TuneResumeIT {
  static final String SEARCH = """
      name: tunekill
      seed: 8
      dataset: digits
      model: {type: mlp, hidden: [32], activation: tanh}
      budget: {epochs: 40}
      methods:
        - method: bp
          params: {optimizer: momentum, batch_size: 32}
          tune:
            optimizer: cmaes
            trials: 8
            parallel: 2
            space:
              lr: {loguniform: [1.0e-3, 0.3]}
              momentum: {uniform: [0.0, 0.95]}
      """;

  @TempDir Path work;

  @Test
  void aSearchWhoseDriverWasKilledInLocalModeContinuesWithoutRecomputingItsTrials() throws Exception {
    Path file = Files.writeString(work.resolve("tunekill.yaml"), SEARCH);
    Path out = work.resolve("results");
    killMidSearchAndResume("tune-local", "local[2]", file, out);
  }

  /**
   * Submits the search to {@code master}, kills the driver once the second generation has begun
   * (three trials committed), submits it again and checks the resume.
   */
  static void killMidSearchAndResume(String name, String master, Path file, Path out) throws Exception {
    Process first = StandaloneCluster.submit(name + "-killed", master, List.of(), "sweep", file.toString(),
        "--out", out.toString());
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (rows(out).size() < 3) {
      assertTrue(first.isAlive(), "the driver ended before 3 trials were committed: "
          + StandaloneCluster.log(name + "-killed"));
      assertTrue(System.nanoTime() < end, "no 3 trials committed in time");
      Thread.sleep(100);
    }
    first.destroyForcibly().waitFor();
    Map<String, FileTime> before = rows(out);
    assertTrue(before.size() < 8, "killed before the search ended: " + before.keySet());

    Process again = StandaloneCluster.submit(name + "-rerun", master, List.of(), "sweep", file.toString(),
        "--out", out.toString());
    assertTrue(again.waitFor(5, TimeUnit.MINUTES), "the rerun did not finish");
    String text = StandaloneCluster.log(name + "-rerun");
    assertEquals(0, again.exitValue(), text);
    assertTrue(text.contains("trials replayed from"), text);
    assertTrue(text.matches("(?s).*search [0-9a-f]{16} \\(bp, cmaes\\): 8 trials in 4 generations.*"), text);
    Map<String, FileTime> after = rows(out);
    assertEquals(8, after.size(), after.keySet().toString());
    assertEquals(8, after.keySet().stream().map(n -> n.split("-")[0]).distinct().count(),
        "each trial committed once: " + after.keySet());
    for (Map.Entry<String, FileTime> e : before.entrySet()) {
      assertEquals(e.getValue(), after.get(e.getKey()), "committed before the kill, not recomputed: " + e.getKey());
    }
  }

  /** The search's committed trial row files, by name, with their modification times. */
  private static Map<String, FileTime> rows(Path out) throws Exception {
    Path dir = out.resolve("trials/sweep_id=tunekill/method=bp");
    Map<String, FileTime> rows = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{16}-\\d+-\\w+\\.parquet")).toList()) {
          rows.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
        }
      }
    }
    return rows;
  }
}
