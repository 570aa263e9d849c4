package dev.backproplab.jobs.bench;

import dev.backproplab.core.credit.Backprop;
import dev.backproplab.core.credit.CreditAssignment;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Blas;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Kernels;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.StepPhases;
import dev.backproplab.core.optim.Updater;
import dev.backproplab.core.optim.UpdaterSpec;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.jobs.dataparallel.Dl4jMirror;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Training throughput of this project's engine against DL4J's MultiLayerNetwork on the same network
 * (an MLP, or LeNet-5: LeCun et al. 1998, ConvolutionLayer and SubsamplingLayer in DL4J), batch and
 * optimizer, in one JVM, rounds interleaved so that machine noise hits both alike; with the machine's
 * GEMM throughput measured in the same run as the yardstick: SGEMM 1024^3 and, for the MLP, the
 * "GEMM-only bound", the samples/s the network's own matrix products alone would allow. Each round
 * also times the phases of a step alone ({@link StepPhases}: elementwise passes, the updater, the batch
 * copy; and the products for the MLP), for the breakdown of where a step's time goes.
 */
public final class TrainBench {
  /** The network trained. */
  public enum Model {
    /** Dense layers of the given widths, relu. */
    MLP,
    /** conv 6@5x5 pad 2, pool 2, conv 16@5x5, pool 2, dense 120, 84, relu, on 28x28 images. */
    LENET
  }

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

  /**
   * Median milliseconds per batch of each phase timed alone; {@code gemm} is NaN for LeNet (its
   * convolutions are not split out: they are the rest of the step). {@code adamVector} and {@code
   * adamScalar}: one Adam pass of the vector kernels (NaN without the Vector API) and of the scalar
   * ones on the same arrays, the kernels' own comparison.
   */
  public record Phases(double gemm, double elementwise, double updater, double data, double adamVector,
      double adamScalar) {}

  /** Everything one run measured; {@code gemmBound} is null for LeNet. */
  public record Report(
      Model model, String network, int batch, Measure engine, Measure dl4j, Measure gemmBound,
      double sgemmGflops, double flopsPerSample, Phases phases) {

    /** Milliseconds of one engine step (forward, backward, update) at the median throughput. */
    public double stepMs() {
      return 1000.0 * batch / engine.median();
    }
  }

  private final Model model;
  private final int[] layers;
  private final int batch;
  private final int rounds;
  private final double secondsPerRound;

  /**
   * @param model the network
   * @param layers MLP widths, input first, e.g. {784, 256, 256, 10} (LeNet: input and classes)
   * @param batch minibatch size
   * @param rounds measured rounds per implementation (after one warm-up round each)
   * @param secondsPerRound length of a round
   */
  public TrainBench(Model model, int[] layers, int batch, int rounds, double secondsPerRound) {
    this.model = model;
    this.layers = layers.clone();
    this.batch = batch;
    this.rounds = rounds;
    this.secondsPerRound = secondsPerRound;
  }

  /** Runs the benchmark. */
  public Report run() {
    int n = batch * 64;
    Examples data = mnistShaped(n, layers[0], layers[layers.length - 1], 7, model == Model.LENET);
    Network net = Networks.build(modelSpec(), data, DataType.FLOAT, 11);
    UpdaterSpec spec = new UpdaterSpec(UpdaterSpec.Kind.ADAM, 1e-3, 0.9, 0.9, 0.999, 1e-8);
    Updater adam = Updater.create(spec, net.params());
    MultiLayerNetwork ref = Dl4jMirror.of(modelSpec(), data.sampleShape(), data.numClasses(), new Adam(1e-3),
        DataType.FLOAT, 11);
    List<DataSet> batches = dl4jBatches(data);
    GemmOnly gemm = model == Model.MLP ? new GemmOnly(layers, batch) : null;
    // the phases run on a network of their own, so that timing them leaves the trained one alone
    Network shadow = Networks.build(modelSpec(), data, DataType.FLOAT, 11);
    StepPhases steps = new StepPhases(shadow, batch);
    Updater shadowAdam = Updater.create(spec, shadow.params());
    DataView shadowParams = DataView.of(shadow.params());
    DataView shadowGrads = DataView.of(shadow.gradients());
    int[] order = new int[n];
    Arrays.setAll(order, i -> (int) ((i * 7919L) % n));
    int[] from = {0};

    double[] engine = new double[rounds];
    double[] dl4j = new double[rounds];
    double[] bound = new double[rounds];
    double[][] phases = new double[6][rounds];
    int np = Math.toIntExact(net.numParams());
    DataView[] adamArrays = new DataView[4];
    for (int a = 0; a < adamArrays.length; a++) {
      adamArrays[a] = DataView.of(Nd4j.create(DataType.FLOAT, np));
    }
    Kernels vector = Kernels.vector().orElse(null);
    engineRound(net, adam, data);
    dl4jRound(ref, batches);
    for (int r = -1; r < rounds; r++) { // round -1 warms the phases up
      double phaseSeconds = secondsPerRound / 8;
      double g = gemm == null ? Double.NaN : 1000.0 / gemm.round(phaseSeconds);
      double e = msPerCall(phaseSeconds, steps::elementwise);
      double u = msPerCall(phaseSeconds, () -> {
        shadowAdam.apply(shadowParams, shadowGrads);
        return 0;
      });
      double d = msPerCall(phaseSeconds, () -> {
        steps.data(data, order, from[0]);
        from[0] = (from[0] + batch) % (n - batch + 1);
        return 0;
      });
      double av = vector == null ? Double.NaN : msPerCall(phaseSeconds, () -> adamPass(vector, adamArrays));
      double as = msPerCall(phaseSeconds, () -> adamPass(Kernels.scalar(), adamArrays));
      if (r >= 0) {
        phases[4][r] = av;
        phases[5][r] = as;
        engine[r] = engineRound(net, adam, data);
        dl4j[r] = dl4jRound(ref, batches);
        bound[r] = gemm == null ? Double.NaN : gemm.round(secondsPerRound) * batch;
        phases[0][r] = g;
        phases[1][r] = e;
        phases[2][r] = u;
        phases[3][r] = d;
      }
    }
    double sgemm = sgemmGflops(1024, 3);
    return new Report(model, describe(net), batch, new Measure("backprop-lab engine", engine),
        new Measure("DL4J MultiLayerNetwork", dl4j),
        gemm == null ? null : new Measure("GEMM-only bound", bound), sgemm,
        model == Model.MLP ? flopsPerSample() : Double.NaN,
        new Phases(median(phases[0]), median(phases[1]), median(phases[2]), median(phases[3]), median(phases[4]),
            median(phases[5])));
  }

  /** The benchmarked network: the MLP of {@code layers}, or LeNet-5's layout (LeCun et al. 1998). */
  private ModelSpec modelSpec() {
    return model == Model.MLP
        ? new ModelSpec("mlp", hidden(), "relu")
        : new ModelSpec("cnn", List.of(120, 84), "relu",
            List.of(new ModelSpec.ConvSpec(6, 5, 1, 2), new ModelSpec.ConvSpec(16, 5, 1, 0)), 2);
  }

  private static String describe(Network net) {
    StringBuilder s = new StringBuilder();
    for (int l = 0; l < net.depth(); l++) {
      s.append(l == 0 ? "" : " ").append(net.layer(l).describe());
    }
    return s.toString();
  }

  /** One Adam pass of {@code kernels} over parameters, gradients and moments {@code a[0..3]}. */
  private static double adamPass(Kernels kernels, DataView[] a) {
    kernels.adam(a[0], a[1], a[2], a[3], 0.9, 0.999, 1e-3, 1e-8);
    return 0;
  }

  /** Milliseconds per call of {@code phase}, called for about {@code seconds}. */
  private static double msPerCall(double seconds, DoubleSupplier phase) {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long calls = 0;
    double sink = 0;
    while (System.nanoTime() < end) {
      sink += phase.getAsDouble();
      calls++;
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("a phase returned NaN"); // keeps the result alive
    }
    return (System.nanoTime() - start) / 1e6 / calls;
  }

  private static double median(double[] values) {
    return new Measure("", values).median();
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

  /** Random pixels in [0, 1] and random labels, shaped like MNIST: flat, or 1x28x28 images. */
  static Examples mnistShaped(int n, int d, int classes, long seed, boolean images) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(classes);
    }
    return new Examples(x, y, images ? new int[] {1, 28, 28} : new int[] {d}, classes);
  }

  /** Median SGEMM GFLOP/s of an n x n x n product over {@code repeats} timed runs. */
  static double sgemmGflops(int n, int repeats) {
    INDArray a = filled(new long[] {n, n}, 'c');
    INDArray b = filled(new long[] {n, n}, 'c');
    INDArray c = Nd4j.create(DataType.FLOAT, n, n);
    Blas.gemm(a, b, c, false, false, 1.0, 0.0);
    double[] g = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t = System.nanoTime();
      int reps = 0;
      do {
        Blas.gemm(a, b, c, false, false, 1.0, 0.0);
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
          Blas.gemm(p[0], p[1], p[2], t[0], t[1], 1.0, 0.0);
        }
        batches++;
      }
      return batches / ((System.nanoTime() - start) / 1e9);
    }
  }
}
