package dev.backproplab.jobs.store;

import dev.backproplab.core.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.hadoop.conf.Configuration;
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
 *   <li>{@code current_trials}: the rows of {@code trials} in their sweep's current revision (a sweep
 *       file edited and run again under the same name keeps the removed trials' rows in
 *       {@code trials}; see {@link SweepRecord});
 *   <li>{@code trial_attempts}: every attempt of every trial, retries and re-runs included;
 *   <li>{@code curves}: the curve points of the attempts in {@code trials}, with their trial's
 *       {@code params} so a curve can be filtered by hyperparameter without a join.
 * </ul>
 *
 * <p>The views read the files {@link ResultFiles#scan} finds readable; a file it cannot read (cut
 * short by a full disk, damaged) is left out and listed, so one bad file does not stop every query.
 */
public final class ResultsViews {
  private ResultsViews() {}

  /**
   * The readable and unreadable files of the tables of a results folder, found by {@link #scan}:
   * what the views read, and what they leave out.
   */
  public record Tables(String root, ResultFiles.Scan trials, ResultFiles.Scan curves,
      Map<String, List<String>> currentTrials) {
    /** The files left out because they cannot be read, each with the reason. */
    public List<String> skipped() {
      List<String> all = new ArrayList<>(trials.unreadable());
      all.addAll(curves.unreadable());
      return all;
    }
  }

  /**
   * Finds the readable files of {@code root}'s tables, without Spark.
   *
   * @throws InvalidInputException when {@code root} holds no results, or no readable ones yet
   */
  public static Tables scan(String root, Configuration conf) {
    Path trialsDir = new Path(root, "trials");
    Path curvesDir = new Path(root, "curves");
    Tables tables;
    try {
      FileSystem fs = trialsDir.getFileSystem(conf);
      if (!fs.exists(trialsDir) || !fs.exists(curvesDir)) {
        throw new InvalidInputException(
            "no results in " + root + ": expected the folders " + trialsDir + " and " + curvesDir
                + " that 'bpl sweep FILE --out " + root + "' writes");
      }
      tables = new Tables(root, ResultFiles.scan(trialsDir, conf), ResultFiles.scan(curvesDir, conf),
          new ResultsStore(root).currentTrials(conf));
    } catch (IOException e) {
      throw new InvalidInputException("cannot read results in " + root + ": " + e.getMessage(), e);
    }
    if (tables.trials().readable().isEmpty()) {
      throw new InvalidInputException("no results yet in " + root + ": " + trialsDir + " holds no readable trial"
          + " rows" + (tables.skipped().isEmpty() ? "" : " (unreadable: " + String.join("; ", tables.skipped()) + ")")
          + ". Trials appear there as they finish.");
    }
    return tables;
  }

  /**
   * Registers the views for {@code root} in {@code spark}.
   *
   * @return the files left out because they cannot be read, each with the reason
   * @throws InvalidInputException when {@code root} holds no results, or no readable ones yet
   */
  public static List<String> register(SparkSession spark, String root) {
    Tables tables = scan(root, spark.sparkContext().hadoopConfiguration());
    register(spark, tables);
    return tables.skipped();
  }

  /** Registers the views over the files {@link #scan} found readable. */
  public static void register(SparkSession spark, Tables tables) {
    Path trialsDir = new Path(tables.root(), "trials");
    Path curvesDir = new Path(tables.root(), "curves");
    ResultFiles.Scan trials = tables.trials();
    ResultFiles.Scan curves = tables.curves();
    Dataset<Row> attempts = read(spark, trialsDir, trials.readable());
    attempts.createOrReplaceTempView("trial_attempts");
    Dataset<Row> latest =
        attempts
            .withColumn("_rank", functions.row_number().over(
                Window.partitionBy("sweep_id", "trial_id").orderBy(functions.col("attempt").desc())))
            .where("_rank = 1")
            .drop("_rank");
    latest.createOrReplaceTempView("trials");
    currentTrials(spark, latest, tables.currentTrials()).createOrReplaceTempView("current_trials");
    if (curves.readable().isEmpty()) {
      return; // every curve unreadable: no curves view, and the skipped list says why
    }
    read(spark, curvesDir, curves.readable())
        .join(latest.select("sweep_id", "trial_id", "attempt", "params"),
            scala.collection.JavaConverters.asScalaBuffer(java.util.List.of("sweep_id", "trial_id", "attempt")).toSeq(),
            "inner")
        .createOrReplaceTempView("curves");
  }

  /**
   * The rows of {@code latest} in their sweep's current revision (every row of a sweep without a
   * record counts as current).
   */
  private static Dataset<Row> currentTrials(SparkSession spark, Dataset<Row> latest, Map<String, List<String>> current) {
    List<Row> pairs = new ArrayList<>();
    current.forEach((sweep, ids) -> ids.forEach(id -> pairs.add(RowFactory.create(sweep, id))));
    StructType schema = new StructType().add("sweep_id", DataTypes.StringType).add("trial_id", DataTypes.StringType);
    Dataset<Row> revision = spark.createDataFrame(pairs, schema);
    Dataset<Row> recorded = revision.select("sweep_id").distinct();
    scala.collection.Seq<String> both = scala.collection.JavaConverters.asScalaBuffer(List.of("sweep_id", "trial_id")).toSeq();
    scala.collection.Seq<String> sweep = scala.collection.JavaConverters.asScalaBuffer(List.of("sweep_id")).toSeq();
    return latest.join(revision, both, "left_semi").unionByName(latest.join(recorded, sweep, "left_anti"));
  }

  /** Reads a table, merging the schemas of its files: a column added later is null in older files. */
  private static Dataset<Row> read(SparkSession spark, Path dir, List<Path> files) {
    return spark.read()
        .option("basePath", dir.toString())
        .option("mergeSchema", "true")
        .parquet(files.stream().map(Path::toString).toArray(String[]::new));
  }
}
