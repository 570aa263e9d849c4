package dev.backproplab.jobs.bench;

import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.optim.Updater;
import dev.backproplab.core.optim.UpdaterSpec;
import dev.backproplab.jobs.dataparallel.Dl4jMirror;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Training throughput of this project's engine against DL4J's MultiLayerNetwork on the same MLP,
 * batch and optimizer, in one JVM, rounds interleaved so that machine noise hits both alike; with the
 * machine's GEMM throughput measured in the same run as the yardstick: SGEMM 1024^3, and the
 * "GEMM-only bound", the samples/s the network's own matrix products alone would allow.
 */
public final class TrainBench {
  /** One implementation's samples/s over the rounds. */
  public record Measure(String name, double[] samplesPerSecond) {
    public double median() {
      double[] s = samplesPerSecond.clone();
      Arrays.sort(s);
      return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public double min() {
      return Arrays.stream(samplesPerSecond).min().orElse(Double.NaN);
    }

    public double max() {
      return Arrays.stream(samplesPerSecond).max().orElse(Double.NaN);
    }
  }

  /** Everything one run measured. */
  public record Report(
      int[] layers, int batch, Measure engine, Measure dl4j, Measure gemmBound, double sgemmGflops,
      double flopsPerSample) {}

  private final int[] layers;
  private final int batch;
  private final int rounds;
  private final double secondsPerRound;

  /**
   * @param layers widths, input first, e.g. {784, 256, 256, 10}
   * @param batch minibatch size
   * @param rounds measured rounds per implementation (after one warm-up round each)
   * @param secondsPerRound length of a round
   */
  public TrainBench(int[] layers, int batch, int rounds, double secondsPerRound) {
    this.layers = layers.clone();
    this.batch = batch;
    this.rounds = rounds;
    this.secondsPerRound = secondsPerRound;
  }

  /** Runs the benchmark. */
  public Report run() {
    int n = batch * 64;
    Examples data = mnistShaped(n, layers[0], layers[layers.length - 1], 7);
    Network net = Network.mlp(layers[0], hidden(), Activation.RELU, layers[layers.length - 1], DataType.FLOAT, 11);
    Updater adam = Updater.create(new UpdaterSpec(UpdaterSpec.Kind.ADAM, 1e-3, 0.9, 0.9, 0.999, 1e-8),
        net.params());
    MultiLayerNetwork ref = Dl4jMirror.mlp(net, Activation.RELU, new Adam(1e-3), 11);
    List<DataSet> batches = dl4jBatches(data);
    GemmOnly gemm = new GemmOnly(layers, batch);

    double[] engine = new double[rounds];
    double[] dl4j = new double[rounds];
    double[] bound = new double[rounds];
    engineRound(net, adam, data);
    dl4jRound(ref, batches);
    gemm.round(secondsPerRound / 2);
    for (int r = 0; r < rounds; r++) {
      engine[r] = engineRound(net, adam, data);
      dl4j[r] = dl4jRound(ref, batches);
      bound[r] = gemm.round(secondsPerRound) * batch;
    }
    double sgemm = sgemmGflops(1024, 3);
    return new Report(layers.clone(), batch, new Measure("backprop-lab engine", engine),
        new Measure("DL4J MultiLayerNetwork", dl4j), new Measure("GEMM-only bound", bound), sgemm,
        flopsPerSample());
  }

  /** Forward and backward FLOPs per training sample: 2 per multiply-add, no input-layer error. */
  public double flopsPerSample() {
    double f = 0;
    for (int l = 0; l + 1 < layers.length; l++) {
      double mac = (double) layers[l] * layers[l + 1];
      f += 2 * mac + 2 * mac + (l > 0 ? 2 * mac : 0);
    }
    return f;
  }

  private List<Integer> hidden() {
    List<Integer> h = new ArrayList<>();
    for (int l = 1; l + 1 < layers.length; l++) {
      h.add(layers[l]);
    }
    return h;
  }

  private double engineRound(Network net, Updater adam, Examples data) {
    CreditAssignment bp = new Backprop();
    DataView params = DataView.of(net.params());
    DataView grads = DataView.of(net.gradients());
    int[] order = new int[data.size()];
    Arrays.setAll(order, i -> i);
    long samples = 0;
    long start = System.nanoTime();
    long end = start + (long) (secondsPerRound * 1e9);
    int from = 0;
    while (System.nanoTime() < end) {
      net.trainStep(data, order, from, batch, bp);
      adam.apply(params, grads);
      samples += batch;
      from = (from + batch) % data.size();
    }
    return samples / ((System.nanoTime() - start) / 1e9);
  }

  private double dl4jRound(MultiLayerNetwork ref, List<DataSet> batches) {
    long samples = 0;
    long start = System.nanoTime();
    long end = start + (long) (secondsPerRound * 1e9);
    int i = 0;
    while (System.nanoTime() < end) {
      ref.fit(batches.get(i));
      samples += batch;
      i = (i + 1) % batches.size();
    }
    return samples / ((System.nanoTime() - start) / 1e9);
  }

  private List<DataSet> dl4jBatches(Examples data) {
    int d = data.numFeatures();
    int classes = data.numClasses();
    List<DataSet> out = new ArrayList<>();
    for (int from = 0; from + batch <= data.size(); from += batch) {
      INDArray x = Nd4j.create(Arrays.copyOfRange(data.features(), from * d, (from + batch) * d), new long[] {batch, d});
      INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
      for (int r = 0; r < batch; r++) {
        y.putScalar(r, data.labels()[from + r], 1.0);
      }
      out.add(new DataSet(x, y));
    }
    return out;
  }

  /** Random pixels in [0, 1] and random labels, shaped like MNIST. */
  static Examples mnistShaped(int n, int d, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(classes);
    }
    return new Examples(x, y, new int[] {d}, classes);
  }

  /** Median SGEMM GFLOP/s of an n x n x n product over {@code repeats} timed runs. */
  static double sgemmGflops(int n, int repeats) {
    INDArray a = filled(new long[] {n, n}, 'c');
    INDArray b = filled(new long[] {n, n}, 'c');
    INDArray c = Nd4j.create(DataType.FLOAT, n, n);
    Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    double[] g = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t = System.nanoTime();
      int reps = 0;
      do {
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        reps++;
      } while (System.nanoTime() - t < 300_000_000L);
      g[r] = 2.0 * n * n * n * reps / (System.nanoTime() - t);
    }
    Arrays.sort(g);
    return g[repeats / 2];
  }

  /** An array of the given shape and order holding 0.5 everywhere: GEMM speed does not depend on values. */
  private static INDArray filled(long[] shape, char order) {
    return Nd4j.create(DataType.FLOAT, shape, order).assign(0.5);
  }

  /** The network's matrix products alone, on arrays of the same shapes: the bound a training loop can approach. */
  private static final class GemmOnly {
    final List<INDArray[]> products = new ArrayList<>();
    final List<boolean[]> transposes = new ArrayList<>();

    GemmOnly(int[] layers, int batch) {
      for (int l = 0; l + 1 < layers.length; l++) {
        INDArray in = filled(new long[] {batch, layers[l]}, 'c');
        INDArray w = filled(new long[] {layers[l], layers[l + 1]}, 'f');
        INDArray out = Nd4j.create(DataType.FLOAT, batch, layers[l + 1]);
        INDArray gw = Nd4j.create(DataType.FLOAT, new long[] {layers[l], layers[l + 1]}, 'f');
        add(in, w, out, false, false);
        add(in, out, gw, true, false);
        if (l > 0) {
          add(out, w, Nd4j.create(DataType.FLOAT, batch, layers[l]), false, true);
        }
      }
    }

    private void add(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb) {
      products.add(new INDArray[] {a, b, c});
      transposes.add(new boolean[] {ta, tb});
    }

    /** Batches per second. */
    double round(double seconds) {
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      long batches = 0;
      while (System.nanoTime() < end) {
        for (int i = 0; i < products.size(); i++) {
          INDArray[] p = products.get(i);
          boolean[] t = transposes.get(i);
          Nd4j.gemm(p[0], p[1], p[2], t[0], t[1], 1.0, 0.0);
        }
        batches++;
      }
      return batches / ((System.nanoTime() - start) / 1e9);
    }
  }
}
