package dev.backproplab.jobs.bench;

import dev.backproplab.core.data.Holdout;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.Judgements;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.SearchPoint;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.Catalogue;
import dev.backproplab.jobs.store.Provenance;
import dev.backproplab.jobs.store.ResultsStore;
import dev.backproplab.jobs.store.RunContext;
import dev.backproplab.jobs.store.SweepLock;
import dev.backproplab.jobs.sweep.TaskEnvironment;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes a results folder of a given size without training anything, through the real store (the
 * same Parquet files, partitions and commit protocol as a sweep), for {@code bpl bench query} and
 * for tests of the views: six methods (bp, fa and dfa with alignment diagnostics, cmaes and sa with
 * sigma and fitness, es), five learning rates each, the rest repeats; saturating accuracy curves
 * with noise, each method at its own speed and cost per sample; about one trial in twenty diverges,
 * and one in fifty failed once and completed on its second attempt; bp's trials form a hyperparameter
 * search (two per generation) where the rows carry validation metrics. Deterministic in its seed.
 */
public final class SyntheticResults {
  private static final String[] METHODS = {"bp", "fa", "dfa", "cmaes", "sa", "es"};
  private static final double[] LRS = {0.001, 0.003, 0.01, 0.03, 0.1};
  private static final int TRAIN_SIZE = 1438;

  private SyntheticResults() {}

  /**
   * Writes {@code trials} trials of {@code points} curve points each into sweep {@code sweep} of the
   * results folder {@code root}.
   */
  public static void write(String root, String sweep, int trials, int points, long seed) throws IOException {
    write(root, sweep, trials, points, seed, true);
  }

  /**
   * As {@link #write(String, String, int, int, long)}; without {@code validation} the rows look like
   * those written before the validation split existed (no validation metrics).
   */
  public static void write(String root, String sweep, int trials, int points, long seed, boolean validation)
      throws IOException {
    ResultsStore store = new ResultsStore(root);
    Configuration conf = new Configuration();
    SplittableRandom rng = new SplittableRandom(seed);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    Provenance provenance = TaskEnvironment.here();
    try (SweepLock lock = store.lock(sweep, "synthetic results", conf)) {
      write(store, lock.claim(), conf, sweep, trials, points, rng, t0, provenance, validation);
    }
  }

  private static void write(ResultsStore store, SweepLock.Claim claim, Configuration conf, String sweep, int trials,
      int points, SplittableRandom rng, Instant t0, Provenance provenance, boolean validation) throws IOException {
    for (int i = 0; i < trials; i++) {
      String method = METHODS[i % METHODS.length];
      int config = (i / METHODS.length) % LRS.length;
      // bp's trials as a search, two per generation (only where the rows are as new writers write them)
      SearchPoint search = validation && method.equals("bp")
          ? new SearchPoint("5eed5eed5eed5eed", i / METHODS.length / 2, i / METHODS.length % 2) : null;
      TrialSpec spec = spec(sweep, method, LRS[config], i, search);
      SplittableRandom r = rng.split();
      boolean diverges = r.nextInt(20) == 0;
      boolean retried = !diverges && r.nextInt(50) == 0;
      if (retried) {
        TrialResult failed = new TrialResult(spec, TrialStatus.FAILED, "executor lost", 0, 0, 0, 0, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0, t0,
            t0.plusSeconds(1), "synthetic", Judgements.NONE);
        store.commit(failed, List.of(), new RunContext(1, "1@synthetic", null, provenance), claim, conf);
      }
      List<CurvePoint> curve = curve(method, config, points, diverges, r, validation);
      CurvePoint last = curve.get(curve.size() - 1);
      double best = curve.stream().mapToDouble(CurvePoint::testAccuracy).filter(a -> !Double.isNaN(a)).max()
          .orElse(Double.NaN);
      CurvePoint bestVal = curve.stream().filter(c -> !Double.isNaN(c.valAccuracy()))
          .max(Comparator.comparingDouble(CurvePoint::valAccuracy)).orElse(null);
      TrialStatus status = diverges ? TrialStatus.DIVERGED : TrialStatus.COMPLETED;
      TrialResult result = new TrialResult(spec, status, diverges ? "loss is NaN" : null, (int) last.epoch(),
          last.step(), last.evaluations(), last.samplesSeen(), diverges ? Double.NaN : last.trainLoss(),
          last.valLoss(), last.valAccuracy(), bestVal == null ? Double.NaN : bestVal.valAccuracy(),
          bestVal == null ? Double.NaN : bestVal.testAccuracy(),
          last.testLoss(), last.testAccuracy(), best, last.wallSeconds(), t0,
          t0.plusMillis((long) (last.wallSeconds() * 1000)), "synthetic", Judgements.NONE);
      store.commit(result, curve, new RunContext(retried ? 2 : 1, "1@synthetic", null, provenance), claim, conf);
    }
  }

  private static TrialSpec spec(String sweep, String method, double lr, int i, SearchPoint search) {
    Method<?> m = Catalogue.METHODS.get(method);
    Map<String, Object> given = m.params().containsKey("lr") ? Map.of("lr", lr) : Map.of();
    Method.Resolved r = m.resolve(given, "synthetic results");
    String id = String.format("%016x", 0x5eed000000000000L + i);
    return new TrialSpec(sweep, id, "digits", new ModelSpec("mlp", List.of(64), "tanh"), r.params(), r.config(),
        new Budget(null, (long) TRAIN_SIZE * 30, null), 1000L + i, Holdout.DEFAULT, search);
  }

  private static List<CurvePoint> curve(String method, int config, int points, boolean diverges,
      SplittableRandom r, boolean validation) {
    int m = java.util.Arrays.asList(METHODS).indexOf(method);
    boolean feedback = method.equals("fa") || method.equals("dfa");
    boolean dfo = method.equals("cmaes") || method.equals("sa") || method.equals("es");
    // every other bp configuration trains through a blackbox layer (7 calls per example, colouring)
    boolean blackbox = method.equals("bp") && config % 2 == 1;
    double ceiling = (dfo ? 0.75 : 0.985) - 0.02 * Math.abs(config - 3) - 0.01 * m + 0.005 * r.nextGaussian();
    double speed = (dfo ? 0.3 : 3.0) * (0.4 + 0.3 * config);
    double secondsPerSample = (dfo ? 2e-6 : 1e-5) * (1 + 0.5 * m);
    long samplesPerPoint = (long) TRAIN_SIZE * 30 / points;
    List<CurvePoint> out = new ArrayList<>(points);
    for (int p = 0; p < points; p++) {
      long samples = p * samplesPerPoint;
      double progress = samples / (double) (TRAIN_SIZE * 30);
      boolean blownUp = diverges && progress > 0.5;
      double acc = blownUp ? 0.1 : ceiling - (ceiling - 0.1) * Math.exp(-speed * progress * 10)
          + 0.01 * r.nextGaussian();
      double loss = blownUp ? Double.NaN : 2.3 * Math.exp(-speed * progress * 8) + 0.05 + 0.01 * Math.abs(r.nextGaussian());
      double[] alignment = feedback ? new double[] {90 - 50 * (1 - Math.exp(-progress * 5)) + r.nextGaussian()} : null;
      double[] feedbackAngles = feedback ? new double[] {88 - 40 * progress, 85 - 30 * progress} : null;
      out.add(new CurvePoint(samples / 32, samples / (double) TRAIN_SIZE, samples, samples / 32,
          samples * secondsPerSample + 0.001 * p, p == 0 || blownUp ? null : loss * 1.05,
          validation ? loss * 1.02 : Double.NaN,
          validation ? Math.min(1.0, Math.max(0.0, acc - 0.005)) : Double.NaN, loss, Math.min(1.0, Math.max(0.0, acc)),
          alignment, null,
          dfo ? 0.1 * Math.exp(-3 * progress) : null, dfo ? loss : null, dfo ? 0.2 * Math.exp(-2 * progress) : null,
          feedbackAngles, null, null, blackbox ? 7 * samples : null, blackbox && p > 0 ? 2 + r.nextDouble() : null));
    }
    return out;
  }
}
