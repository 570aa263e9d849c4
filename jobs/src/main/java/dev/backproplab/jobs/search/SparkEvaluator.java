package dev.backproplab.jobs.search;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.dfo.DfoTrainer;
import dev.backproplab.core.dfo.Generation;
import dev.backproplab.core.trial.dfo.LocalEvaluator;
import dev.backproplab.core.trial.dfo.PopulationEvaluator;
import dev.backproplab.jobs.sweep.DataCache;
import dev.backproplab.jobs.sweep.TaskEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * Evaluates each generation as one Spark job (execution mode 2 of docs/design.md): the candidates are cut
 * into contiguous slices, one task each; a task rebuilds the trial's network on its executor, loads
 * the training split from the executor's {@link DataCache} and scores its slice with the same stacked
 * {@link LocalEvaluator} the in-process trainer uses, so both give the same losses.
 *
 * <p>What crosses the network per generation: for explicit candidates (CMA-ES, Nelder-Mead, SA, GA
 * with vector genomes) each slice carries its vectors; for ES (Salimans et al. 2017) the mean is
 * broadcast once per generation and each task gets only its pair seeds; for seed-genome GA (Such et al.
 * 2017) the initial point is broadcast once per run and each task gets only its seed lists. The trial spec
 * is broadcast once per run; the minibatch row indices go with every task. {@link #traffic()} accounts for these payloads (Java
 * serialization sizes; Spark's fixed per-task overhead, the same for every method, is not counted).
 *
 * <p>Used by one driver thread.
 */
final class SparkEvaluator implements PopulationEvaluator {
  private final JavaSparkContext sc;
  private final TrialSpec spec;
  private final int partitions;
  private final Traffic traffic = new Traffic();
  private Broadcast<double[]> broadcast;
  private double[] broadcastSource;
  private Broadcast<TrialSpec> sharedSpec;

  SparkEvaluator(JavaSparkContext sc, TrialSpec spec, int partitions) {
    this.sc = sc;
    this.spec = spec;
    this.partitions = partitions;
  }

  /** Bytes sent and received so far, and per generation. */
  Traffic traffic() {
    return traffic;
  }

  @Override
  public double[] losses(Generation generation, int[] rows) {
    double[] base = generation.baseVector();
    long sent = 0;
    if (sharedSpec == null) {
      sharedSpec = sc.broadcast(spec); // once per run
      sent += serializedSize(spec);
    }
    if (base != null && base != broadcastSource) {
      if (broadcast != null) {
        broadcast.destroy();
      }
      broadcast = sc.broadcast(base);
      broadcastSource = base;
      sent += serializedSize(base);
    }
    Broadcast<double[]> shared = base == null ? null : broadcast;
    Generation stripped = generation.withBase(null);
    int size = generation.size();
    int k = Math.max(1, Math.min(partitions, size));
    List<Slice> slices = new ArrayList<>();
    int unit = generation instanceof Generation.Mirrored ? 2 : 1; // pairs stay together
    int units = size / unit;
    k = Math.min(k, units);
    for (int s = 0; s < k; s++) {
      int from = (int) ((long) units * s / k) * unit;
      int to = (int) ((long) units * (s + 1) / k) * unit;
      Slice slice = new Slice(sharedSpec, stripped.slice(from, to), rows, shared);
      sent += serializedSize(slice);
      slices.add(slice);
    }
    sc.sc().setJobDescription("bpl search " + spec.trialId() + ": " + size + " candidates");
    List<double[]> parts = sc.parallelize(slices, slices.size()).map(new Evaluate()).collect();
    double[] out = new double[size];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    traffic.generation(sent, 8L * size, naiveBytes(generation, base));
    return out;
  }

  private static long naiveBytes(Generation g, double[] base) {
    long n = base != null ? base.length : g.candidate(0).length;
    return n * g.size() * 8L;
  }

  /** Releases the broadcasts. */
  void close() {
    if (broadcast != null) {
      broadcast.destroy();
      broadcast = null;
    }
    if (sharedSpec != null) {
      sharedSpec.destroy();
      sharedSpec = null;
    }
  }

  static long serializedSize(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.size();
  }

  /**
   * One task's work: a slice of a generation (its base vector, if any, in the broadcast) on the
   * training rows {@code rows}.
   */
  record Slice(Broadcast<TrialSpec> spec, Generation generation, int[] rows,
      Broadcast<double[]> base) implements Serializable {}

  /** Runs on an executor: scores one slice. */
  static final class Evaluate implements Function<Slice, double[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public double[] call(Slice s) {
      TaskEnvironment.enter(TaskContext.get());
      TrialSpec spec = s.spec().value();
      Examples train = DataCache.get(spec.dataset(), spec.validation()).train();
      Generation g = s.base() == null ? s.generation() : s.generation().withBase(s.base().value());
      LocalEvaluator eval = new LocalEvaluator(DfoTrainer.network(spec, train), train);
      return eval.losses(g, s.rows());
    }
  }

  /** Bytes that crossed the network for candidate evaluation. */
  static final class Traffic {
    private long generations;
    private long sent;
    private long received;
    private long naive;

    void generation(long sentBytes, long receivedBytes, long naiveBytes) {
      generations++;
      sent += sentBytes;
      received += receivedBytes;
      naive += naiveBytes;
    }

    long generations() {
      return generations;
    }

    /** Mean bytes sent to executors per generation (broadcasts and task payloads). */
    double sentPerGeneration() {
      return generations == 0 ? 0 : (double) sent / generations;
    }

    /** Mean bytes of losses returned per generation. */
    double receivedPerGeneration() {
      return generations == 0 ? 0 : (double) received / generations;
    }

    /** Mean of n x lambda x 8 per generation: every candidate shipped as doubles. */
    double naivePerGeneration() {
      return generations == 0 ? 0 : (double) naive / generations;
    }
  }
}
