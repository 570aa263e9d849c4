package dev.backproplab.jobs.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Registers the views of {@code views.sql} ({@link ViewsSql}) in a Spark session, over the files
 * {@link ResultsFiles} lists: {@code trials} (one row per trial, its latest attempt),
 * {@code trial_attempts} (every attempt), {@code current_trials} (the rows of {@code trials} in
 * their sweep's current revision, after a sweep file was edited and run again), {@code curves} (the curve points of the attempts in
 * {@code trials}, with their trial's data set, model, budget, seed and parameters) and the
 * ready-made answers. Partition folders are read as strings (a sweep named {@code 2024} stays
 * {@code '2024'}), as DuckDB reads them.
 */
public final class ResultsViews {
  private ResultsViews() {}

  /** Registers the views over every sweep in {@code root}; returns what was read and left out. */
  public static ResultsFiles.Listing register(SparkSession spark, String root) {
    return register(spark, root, List.of());
  }

  /**
   * Registers the views over the sweeps {@code sweeps} (all when empty) in {@code root}; returns
   * what was read and the files left out as unreadable.
   *
   * @throws dev.backproplab.core.InvalidInputException when {@code root} holds no results, or a
   *     sweep asked for is not there
   */
  public static ResultsFiles.Listing register(SparkSession spark, String root, Collection<String> sweeps) {
    ResultsFiles.Listing files = registerFiles(spark, root, sweeps);
    for (ViewsSql.View v : ViewsSql.views()) {
      spark.sql(v.sql());
    }
    return files;
  }

  /**
   * Registers the relations over the files of {@code sweeps} (all when empty) in {@code root}, not the
   * views: a caller defines those a query uses ({@link ViewsSql#usedBy}), since Spark analyses each
   * view's whole tree as it is made.
   */
  public static ResultsFiles.Listing registerFiles(SparkSession spark, String root, Collection<String> sweeps) {
    ResultsFiles.Listing files = ResultsFiles.list(root, sweeps, spark.sparkContext().hadoopConfiguration());
    spark.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
    // the files are listed already: no Spark job to list them again in parallel
    spark.conf().set("spark.sql.sources.parallelPartitionDiscovery.threshold", Integer.toString(Integer.MAX_VALUE));
    read(spark, files.root() + "/trials", files.trialFiles(), ResultTables.TRIALS, ViewsSql.OPTIONAL_TRIAL_COLUMNS)
        .dropDuplicates("sweep_id", "trial_id", "attempt") // a row file copied under another name counts once
        .createOrReplaceTempView(ViewsSql.TRIAL_FILES);
    read(spark, files.root() + "/curves", files.curveFiles(), ResultTables.CURVES, ViewsSql.OPTIONAL_CURVE_COLUMNS)
        .createOrReplaceTempView(ViewsSql.CURVE_FILES);
    List<Row> revisions = new ArrayList<>();
    files.currentTrials().forEach((sweep, ids) -> ids.forEach(id -> revisions.add(RowFactory.create(sweep, id))));
    spark.createDataFrame(revisions, new StructType().add("sweep_id", DataTypes.StringType)
        .add("trial_id", DataTypes.StringType)).createOrReplaceTempView(ViewsSql.SWEEP_REVISIONS);
    return files;
  }

  /**
   * Reads a table's files with the writer's schema (a column added later is null in older files) and
   * adds as typed nulls the optional columns that schema lacks. Giving the schema, instead of letting
   * Spark merge the files' schemas, spares a Spark job that opens every footer once more.
   */
  private static Dataset<Row> read(SparkSession spark, String table, List<String> files, MessageType written,
      List<ViewsSql.Column> optional) {
    StructType schema = new ParquetToSparkSchemaConverter(spark.sessionState().conf()).convert(written);
    Dataset<Row> d = spark.read()
        .schema(schema)
        .option("basePath", table)
        .parquet(files.toArray(new String[0]));
    Set<String> present = Set.of(d.columns());
    for (ViewsSql.Column c : optional) {
      if (!present.contains(c.name())) {
        d = d.withColumn(c.name(), functions.lit(null).cast(type(c.type())));
      }
    }
    return d;
  }

  private static String type(ViewsSql.Type t) {
    return switch (t) {
      case DOUBLE -> "double";
      case INTEGER -> "int";
      case BIGINT -> "bigint";
      case BOOLEAN -> "boolean";
      case STRING -> "string";
      case DOUBLE_LIST -> "array<double>";
      case INTEGER_MAP -> "map<string,int>";
      case DOUBLE_MAP -> "map<string,double>";
    };
  }
}
