package dev.backproplab.jobs.bench;

import dev.backproplab.core.credit.AlignmentProbe;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TrainingStep;
import dev.backproplab.core.optim.Updater;
import dev.backproplab.core.optim.UpdaterSpec;
import dev.backproplab.core.trial.CreditConfig;
import dev.backproplab.core.trial.Seeds;
import dev.backproplab.jobs.Catalogue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time per training step of each credit-assignment rule against exact backprop on the same MLP, batch
 * and optimizer, in one JVM with rounds interleaved (rule after rule, round after round) so that
 * machine noise hits all alike: with diagnostics off, and with the alignment diagnostics of {@link
 * AlignmentProbe} on every {@code diagnosticsEvery} steps (their cost amortised over the steps).
 * A step is the forward pass, the rule's backward pass, the Adam update and the rule's
 * after-update hook; no test evaluation.
 */
public final class RulesBench {
  /** A configuration to time: a label, its method and its parameters. */
  public record Variant(String label, String method, Map<String, Object> params) {}

  /** One variant's medians over the rounds, in milliseconds per step. */
  public record Row(String label, double msOff, double msOn) {}

  /**
   * The default variants: every rule at its defaults, plus redrawn sign-symmetry and 4-bit fa, and bp
   * a second time at the end: its difference from the first bp row is the run's noise.
   */
  public static List<Variant> defaultVariants() {
    List<Variant> v = new ArrayList<>();
    for (String m : List.of("bp", "fa", "dfa", "arbp", "asrbp", "sparse-rbp", "sign-symmetry")) {
      v.add(new Variant(m, m, Map.of()));
    }
    v.add(new Variant("sign-symmetry redrawn", "sign-symmetry", Map.of("magnitudes", "redrawn")));
    v.add(new Variant("fa error_bits=4", "fa", Map.of("error_bits", 4L)));
    v.add(new Variant("bp again (noise check)", "bp", Map.of()));
    return v;
  }

  private final int[] layers;
  private final int batch;
  private final int rounds;
  private final double secondsPerRound;
  private final int diagnosticsEvery;
  private final List<Variant> variants;

  /**
   * @param layers widths, input first, e.g. {784, 256, 256, 10}
   * @param batch minibatch size
   * @param rounds measured rounds per variant and setting (after one warm-up round each)
   * @param secondsPerRound length of a round
   * @param diagnosticsEvery steps between diagnostics in the "on" setting
   * @param variants what to time; the first is the baseline
   */
  public RulesBench(int[] layers, int batch, int rounds, double secondsPerRound, int diagnosticsEvery,
      List<Variant> variants) {
    this.layers = layers.clone();
    this.batch = batch;
    this.rounds = rounds;
    this.secondsPerRound = secondsPerRound;
    this.diagnosticsEvery = diagnosticsEvery;
    this.variants = List.copyOf(variants);
  }

  /** Runs the benchmark; rows in the order of the variants. */
  public List<Row> run() {
    Examples data = TrainBench.mnistShaped(batch * 64, layers[0], layers[layers.length - 1], 7, false);
    List<Integer> hidden = new ArrayList<>();
    for (int l = 1; l + 1 < layers.length; l++) {
      hidden.add(layers[l]);
    }
    Map<Variant, Runner> runners = new LinkedHashMap<>();
    for (Variant v : variants) {
      Network net = Network.mlp(layers[0], hidden, Activation.RELU, layers[layers.length - 1],
          org.nd4j.linalg.api.buffer.DataType.FLOAT, 11);
      CreditConfig rule = (CreditConfig) Catalogue.METHODS.get(v.method()).resolve(v.params(), "bench " + v.label())
          .config();
      Seeds seeds = new Seeds(11);
      runners.put(v, new Runner(net,
          rule.rule(net, seeds.random(Seeds.Stream.FEEDBACK), seeds.random(Seeds.Stream.NOISE)), data));
    }
    double[][] off = new double[variants.size()][rounds];
    double[][] on = new double[variants.size()][rounds];
    List<Runner> all = new ArrayList<>(runners.values());
    round(all, Math.min(secondsPerRound, 1.0), new double[all.size()][1], new double[all.size()][1], 0);
    for (int round = 0; round < rounds; round++) {
      round(all, secondsPerRound, off, on, round);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      rows.add(new Row(variants.get(i).label(), median(off[i]), median(on[i])));
    }
    return rows;
  }

  /**
   * One round: every runner gets {@code seconds} off and {@code seconds} on, in slices of at most
   * {@link #SLICE} seconds taken in turn, so a burst of load on the machine hits every rule alike.
   */
  private void round(List<Runner> all, double seconds, double[][] off, double[][] on, int round) {
    int slices = (int) Math.ceil(seconds / SLICE);
    double slice = seconds / slices;
    long[][] offTotals = new long[all.size()][2];
    long[][] onTotals = new long[all.size()][2];
    for (int s = 0; s < slices; s++) {
      for (int i = 0; i < all.size(); i++) {
        add(offTotals[i], all.get(i).slice(slice, 0));
        add(onTotals[i], all.get(i).slice(slice, diagnosticsEvery));
      }
    }
    for (int i = 0; i < all.size(); i++) {
      off[i][round] = offTotals[i][0] / 1e6 / offTotals[i][1];
      on[i][round] = onTotals[i][0] / 1e6 / onTotals[i][1];
    }
  }

  private static void add(long[] total, long[] slice) {
    total[0] += slice[0];
    total[1] += slice[1];
  }

  /** Longest uninterrupted stretch one rule runs before the next takes over. */
  private static final double SLICE = 0.2;

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** One network, its rule and Adam, stepping through the data. */
  private final class Runner {
    final Network net;
    final CreditAssignment rule;
    final Examples data;
    final Updater adam;
    final DataView params;
    final DataView grads;
    final AlignmentProbe probe;
    final int[] order;
    int from;
    long steps;

    Runner(Network net, CreditAssignment rule, Examples data) {
      this.net = net;
      this.rule = rule;
      this.data = data;
      adam = Updater.create(new UpdaterSpec(UpdaterSpec.Kind.ADAM, 1e-3, 0.9, 0.9, 0.999, 1e-8), net.params());
      params = DataView.of(net.params());
      grads = DataView.of(net.gradients());
      probe = new AlignmentProbe(net);
      order = new int[data.size()];
      Arrays.setAll(order, i -> i);
    }

    /** {nanoseconds, steps} of a stretch of training; diagnostics every {@code every} steps (0: off). */
    long[] slice(double seconds, int every) {
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      long n = 0;
      double sink = 0;
      while (System.nanoTime() < end) {
        boolean diagnose = every > 0 && steps % every == 0;
        if (diagnose) {
          probe.recordBackprop(data, order, from, batch);
        }
        TrainingStep step = net.trainStep(data, order, from, batch, rule);
        if (diagnose) {
          sink += probe.angles(step)[0];
          probe.snapshotParams();
        }
        adam.apply(params, grads);
        rule.afterUpdate(step);
        if (diagnose) {
          sink += probe.updateNorms()[0];
          double[] fb = rule.feedbackAngles(net);
          sink += fb == null || fb.length == 0 ? 0 : fb[0];
        }
        steps++;
        n++;
        from = (from + batch) % data.size();
      }
      if (Double.isInfinite(sink)) {
        throw new IllegalStateException("diagnostics overflowed");
      }
      return new long[] {System.nanoTime() - start, n};
    }
  }
}
