package dev.backproplab.jobs.dataparallel;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Activation;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.optim.UpdaterSpec;
import dev.backproplab.core.trial.Diagnostics;
import dev.backproplab.core.trial.GradientConfig;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.Seeds;
import dev.backproplab.core.data.Shuffle;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialProgress;
import dev.backproplab.core.trial.TrialSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * {@code bp-dataparallel}: one trial trained across the cluster by DL4J Spark's synchronous
 * parameter averaging (dl4j-spark's {@code SparkDl4jMultiLayer} with a
 * {@code ParameterAveragingTrainingMaster}; the scheme of Zinkevich, Weimer, Smola &amp; Li 2010,
 * "Parallelized Stochastic Gradient Descent", with periodic averaging): each executor fits
 * {@code averaging_frequency} minibatches of its partition, then the driver averages the parameters
 * and updater state and broadcasts them. The network starts from exactly the weights {@code bp} would
 * start from with the same seed (the engine's initialisation, copied into DL4J, whose flat parameter
 * layout is the engine's), and after every epoch the averaged parameters are copied back and
 * measured by the engine on the test split, so its curve compares point for point with bp's.
 *
 * <p>It trains whole epochs: a samples or seconds budget ends the trial at the first epoch boundary
 * past it. Runs on the driver; DL4J caches the minibatches on the executors for the trial.
 */
public final class DataParallelTrainer implements Trainer {
  private final JavaSparkContext sc;
  private final DataParallelConfig config;

  /** A trainer of {@code config} on the cluster of {@code sc}. */
  public DataParallelTrainer(JavaSparkContext sc, DataParallelConfig config) {
    this.sc = sc;
    this.config = config;
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    GradientConfig cfg = config.gradient();
    int averaging = config.averagingFrequency();
    Examples train = data.train();
    Activation activation = Activation.parse(spec.model().activation());
    Seeds seeds = spec.seeds();
    Network net = Networks.build(spec.model(), train, cfg.dataType(), seeds.seed(Seeds.Stream.INIT));
    MultiLayerNetwork dl4j = Dl4jMirror.of(spec.model(), train.sampleShape(), train.numClasses(),
        updater(cfg.updater()), cfg.dataType(), spec.seed());
    dl4j.setParams(net.params().dup());

    int[] order = new Shuffle(train.size(), seeds.random(Seeds.Stream.SHUFFLE)).next();
    List<DataSet> batches = minibatches(train, cfg, order);
    // DL4J persists the RDD itself (at its own storage level) for the fit
    JavaRDD<DataSet> rdd = sc.parallelize(batches, Math.max(1, sc.defaultParallelism()));
    ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(cfg.batchSize())
        .batchSizePerWorker(cfg.batchSize())
        .averagingFrequency(averaging)
        .workerPrefetchNumBatches(0)
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .rngSeed(spec.seed())
        .build();
    SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, dl4j, master);
    try {
      progress.measure(net, null, Diagnostics.NONE);
      while (!progress.exhausted()) {
        MultiLayerNetwork fitted = sparkNet.fit(rdd);
        double loss = sparkNet.getScore();
        if (!Double.isFinite(loss)) {
          throw TrialProgress.diverged("loss became " + loss + " in epoch " + (progress.epochs() + 1));
        }
        net.params().assign(fitted.params().reshape(1, -1).castTo(cfg.dataType()));
        for (DataSet b : batches) {
          progress.step(b.numExamples(), 1);
        }
        progress.epochDone();
        progress.measure(net, loss, Diagnostics.NONE);
      }
    } finally {
      rdd.unpersist(false);
      master.deleteTempFiles(sc);
    }
  }

  static IUpdater updater(UpdaterSpec u) {
    return switch (u.kind()) {
      case SGD -> new Sgd(u.lr());
      case NESTEROV -> new Nesterovs(u.lr(), u.momentum());
      case ADAM -> new Adam(u.lr(), u.beta1(), u.beta2(), u.epsilon());
      case MOMENTUM -> throw new IllegalArgumentException("DL4J has no classical-momentum updater");
    };
  }

  /** The training set in {@code order}, as DL4J minibatches of the trial's batch size. */
  private static List<DataSet> minibatches(Examples train, GradientConfig cfg, int[] order) {
    int n = train.size();
    int d = train.numFeatures();
    DataType type = cfg.dataType();
    List<DataSet> out = new ArrayList<>();
    for (int from = 0; from < n; from += cfg.batchSize()) {
      int size = Math.min(cfg.batchSize(), n - from);
      INDArray x = Nd4j.create(type, size, d);
      INDArray y = Nd4j.zeros(type, size, train.numClasses());
      for (int r = 0; r < size; r++) {
        int row = order[from + r];
        for (int j = 0; j < d; j++) {
          x.putScalar(r, j, train.features()[row * d + j]);
        }
        y.putScalar(r, train.labels()[row], 1.0);
      }
      out.add(new DataSet(x, y));
    }
    return out;
  }
}
