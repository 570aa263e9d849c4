package dev.backproplab.jobs.store;

import dev.backproplab.core.InvalidInputException;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * The SQL views over a results folder:
 *
 * <ul>
 *   <li>{@code trials}: one row per trial, its latest attempt (what a user means by "the results");
 *   <li>{@code trial_attempts}: every attempt of every trial, retries and re-runs included;
 *   <li>{@code curves}: the curve points of the attempts in {@code trials}, with their trial's
 *       {@code params} so a curve can be filtered by hyperparameter without a join.
 * </ul>
 */
public final class ResultsViews {
  private ResultsViews() {}

  /**
   * Registers the views for {@code root} in {@code spark}.
   *
   * @throws InvalidInputException when {@code root} holds no results
   */
  public static void register(SparkSession spark, String root) {
    Path trialsDir = new Path(root, "trials");
    Path curvesDir = new Path(root, "curves");
    try {
      FileSystem fs = trialsDir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(trialsDir) || !fs.exists(curvesDir)) {
        throw new InvalidInputException(
            "no results in " + root + ": expected the folders " + trialsDir + " and " + curvesDir
                + " that 'bpl sweep FILE --out " + root + "' writes");
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read results in " + root + ": " + e.getMessage(), e);
    }
    Dataset<Row> attempts = read(spark, trialsDir);
    attempts.createOrReplaceTempView("trial_attempts");
    Dataset<Row> latest =
        attempts
            .withColumn("_rank", functions.row_number().over(
                Window.partitionBy("sweep_id", "trial_id").orderBy(functions.col("attempt").desc())))
            .where("_rank = 1")
            .drop("_rank");
    latest.createOrReplaceTempView("trials");
    Dataset<Row> curves = read(spark, curvesDir);
    curves
        .join(latest.select("sweep_id", "trial_id", "attempt", "params"),
            scala.collection.JavaConverters.asScalaBuffer(java.util.List.of("sweep_id", "trial_id", "attempt")).toSeq(),
            "inner")
        .createOrReplaceTempView("curves");
  }

  /** Reads a table, merging the schemas of its files: a column added later is null in older files. */
  private static Dataset<Row> read(SparkSession spark, Path dir) {
    return spark.read()
        .option("basePath", dir.toString())
        .option("mergeSchema", "true")
        .parquet(dir.toString());
  }
}
