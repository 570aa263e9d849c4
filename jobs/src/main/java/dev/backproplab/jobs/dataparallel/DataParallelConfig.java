package dev.backproplab.jobs.dataparallel;

import dev.backproplab.core.trial.GradientConfig;
import dev.backproplab.core.trial.MethodConfig;
import dev.backproplab.core.trial.Trainer;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The configuration of a {@code bp-dataparallel} trial.
 *
 * @param gradient updater, batch size (per worker), precision
 * @param averagingFrequency minibatches each worker fits between parameter averagings
 */
public record DataParallelConfig(GradientConfig gradient, int averagingFrequency) implements MethodConfig {

  @Override
  public String method() {
    return DataParallelMethod.NAME;
  }

  @Override
  public DataType dataType() {
    return gradient.dataType();
  }

  /** A trainer on the driver's Spark context (its trials run from the driver: {@code Placement.CLUSTER}). */
  @Override
  public Trainer trainer() {
    return new DataParallelTrainer(JavaSparkContext.fromSparkContext(SparkContext.getOrCreate()), this);
  }
}
