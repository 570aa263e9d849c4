package dev.backproplab.jobs.store;

import dev.backproplab.core.trial.CurvePoint;
import dev.backproplab.core.trial.Judgements;
import dev.backproplab.core.trial.TrialResult;
import dev.backproplab.core.trial.TrialSpec;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet schemas of the {@code trials} and {@code curves} tables (the contract in docs/design.md)
 * and the writers of their files. {@code sweep_id} and {@code method} are not stored in the files:
 * they are the Hive-style partition folders ({@code sweep_id=<id>/method=<m>/}) that Spark, DuckDB and
 * pandas read back as columns.
 */
final class ResultTables {
  static final MessageType TRIALS =
      MessageTypeParser.parseMessageType(
          """
          message trials {
            required binary trial_id (STRING);
            required binary dataset (STRING);
            required binary model (STRING);
            required group params (MAP) {
              repeated group key_value {
                required binary key (STRING);
                required binary value (STRING);
              }
            }
            required binary budget (STRING);
            required int64 seed;
            required binary status (STRING);
            optional binary error (STRING);
            required int32 attempt;
            required int32 epochs;
            required int64 steps;
            required int64 evaluations;
            required int64 samples_seen;
            optional double final_train_loss;
            optional double final_val_loss;
            optional double final_val_accuracy;
            optional double best_val_accuracy;
            optional double test_accuracy_at_best_val;
            optional double final_test_loss;
            optional double final_test_accuracy;
            optional double best_test_accuracy;
            required double wall_seconds;
            required int64 started_at (TIMESTAMP(MILLIS,true));
            required int64 finished_at (TIMESTAMP(MILLIS,true));
            optional binary executor (STRING);
            optional binary gpu (STRING);
            required binary code_version (STRING);
            required binary dataset_sha256 (STRING);
            optional binary git_commit (STRING);
            optional boolean git_dirty;
            optional int32 blas_threads;
            optional binary nd4j_backend (STRING);
            optional binary java_version (STRING);
            optional binary host (STRING);
            optional binary search_id (STRING);
            optional int32 generation;
            optional int32 candidate;
            optional group judge_class (MAP) {
              repeated group key_value {
                required binary key (STRING);
                required int32 value;
              }
            }
            optional group judge_probability (MAP) {
              repeated group key_value {
                required binary key (STRING);
                required double value;
              }
            }
            optional int32 source_label;
            optional int32 target_label;
          }
          """);

  static final MessageType CURVES =
      MessageTypeParser.parseMessageType(
          """
          message curves {
            required binary trial_id (STRING);
            required int32 attempt;
            required int64 step;
            required double epoch;
            required int64 samples_seen;
            required int64 evaluations;
            required double wall_seconds;
            optional double train_loss;
            optional double val_loss;
            optional double val_accuracy;
            optional double test_loss;
            optional double test_accuracy;
            optional group alignment_angles (LIST) {
              repeated group list {
                optional double element;
              }
            }
            optional group update_norms (LIST) {
              repeated group list {
                optional double element;
              }
            }
            optional double sigma;
            optional double best_fitness;
            optional double fitness_spread;
            optional group feedback_angles (LIST) {
              repeated group list {
                optional double element;
              }
            }
            optional double staleness;
            optional group module_staleness (LIST) {
              repeated group list {
                optional double element;
              }
            }
            optional group module_gradient_norms (LIST) {
              repeated group list {
                optional double element;
              }
            }
            optional int64 blackbox_calls;
            optional double blackbox_angle;
          }
          """);

  private ResultTables() {}

  static void writeTrial(Path file, Configuration conf, TrialResult r, RunContext ctx) throws IOException {
    TrialSpec spec = r.spec();
    Group g = new SimpleGroupFactory(TRIALS).newGroup();
    g.append("trial_id", spec.trialId());
    g.append("dataset", spec.dataset());
    g.append("model", spec.model().describe());
    Group params = g.addGroup("params");
    for (Map.Entry<String, String> e : spec.params().entrySet()) {
      params.addGroup("key_value").append("key", e.getKey()).append("value", e.getValue());
    }
    g.append("budget", spec.budget().describe());
    g.append("seed", spec.seed());
    g.append("status", r.status().name());
    if (r.error() != null) {
      g.append("error", r.error());
    }
    g.append("attempt", ctx.attempt());
    g.append("epochs", r.epochs());
    g.append("steps", r.steps());
    g.append("evaluations", r.evaluations());
    g.append("samples_seen", r.samplesSeen());
    optional(g, "final_train_loss", r.finalTrainLoss());
    optional(g, "final_val_loss", r.finalValLoss());
    optional(g, "final_val_accuracy", r.finalValAccuracy());
    optional(g, "best_val_accuracy", r.bestValAccuracy());
    optional(g, "test_accuracy_at_best_val", r.testAccuracyAtBestVal());
    optional(g, "final_test_loss", r.finalTestLoss());
    optional(g, "final_test_accuracy", r.finalTestAccuracy());
    optional(g, "best_test_accuracy", r.bestTestAccuracy());
    g.append("wall_seconds", r.wallSeconds());
    g.append("started_at", millis(r.startedAt()));
    g.append("finished_at", millis(r.finishedAt()));
    if (ctx.executor() != null) {
      g.append("executor", ctx.executor());
    }
    if (ctx.gpu() != null) {
      g.append("gpu", ctx.gpu());
    }
    Provenance p = ctx.provenance();
    g.append("code_version", p.codeVersion());
    g.append("dataset_sha256", r.datasetSha256() == null ? "" : r.datasetSha256());
    if (p.gitCommit() != null) {
      g.append("git_commit", p.gitCommit());
    }
    if (p.gitDirty() != null) {
      g.append("git_dirty", p.gitDirty());
    }
    g.append("blas_threads", p.blasThreads());
    g.append("nd4j_backend", p.nd4jBackend());
    g.append("java_version", p.javaVersion());
    g.append("host", p.host());
    if (spec.search() != null) {
      g.append("search_id", spec.search().searchId());
      g.append("generation", spec.search().generation());
      g.append("candidate", spec.search().candidate());
    }
    judgements(g, r.judgements());
    write(file, conf, TRIALS, List.of(g));
  }

  /** The judge columns of an input-optimisation trial given judges; nothing (nulls) for every other trial. */
  private static void judgements(Group g, Judgements j) {
    if (!j.classes().isEmpty()) {
      Group classes = g.addGroup("judge_class");
      j.classes().forEach((k, v) -> classes.addGroup("key_value").append("key", k).append("value", v));
      Group probabilities = g.addGroup("judge_probability");
      j.probabilities().forEach((k, v) -> probabilities.addGroup("key_value").append("key", k).append("value", v));
    }
    if (j.sourceLabel() != null) {
      g.append("source_label", j.sourceLabel());
    }
    if (j.targetLabel() != null) {
      g.append("target_label", j.targetLabel());
    }
  }

  static void writeCurve(Path file, Configuration conf, String trialId, int attempt, List<CurvePoint> points)
      throws IOException {
    SimpleGroupFactory f = new SimpleGroupFactory(CURVES);
    List<Group> rows = new java.util.ArrayList<>(points.size());
    for (CurvePoint p : points) {
      Group g = f.newGroup();
      g.append("trial_id", trialId);
      g.append("attempt", attempt);
      g.append("step", p.step());
      g.append("epoch", p.epoch());
      g.append("samples_seen", p.samplesSeen());
      g.append("evaluations", p.evaluations());
      g.append("wall_seconds", p.wallSeconds());
      optional(g, "train_loss", p.trainLoss());
      optional(g, "val_loss", p.valLoss());
      optional(g, "val_accuracy", p.valAccuracy());
      optional(g, "test_loss", p.testLoss());
      optional(g, "test_accuracy", p.testAccuracy());
      list(g, "alignment_angles", p.alignmentAngles());
      list(g, "update_norms", p.updateNorms());
      optional(g, "sigma", p.sigma());
      optional(g, "best_fitness", p.bestFitness());
      optional(g, "fitness_spread", p.fitnessSpread());
      list(g, "feedback_angles", p.feedbackAngles());
      optional(g, "staleness", p.staleness());
      list(g, "module_staleness", p.moduleStaleness());
      list(g, "module_gradient_norms", p.moduleGradientNorms());
      if (p.blackboxCalls() != null) {
        g.append("blackbox_calls", p.blackboxCalls());
      }
      optional(g, "blackbox_angle", p.blackboxAngle());
      rows.add(g);
    }
    write(file, conf, CURVES, rows);
  }

  private static void write(Path file, Configuration conf, MessageType schema, List<Group> rows)
      throws IOException {
    try (ParquetWriter<Group> w = writer(file, conf, schema, Map.of(), rows.size() > PLAIN_ROWS)) {
      for (Group g : rows) {
        w.write(g);
      }
    }
  }

  /**
   * Files of at most this many rows (every trial row, the curves of short trials) are written without
   * dictionaries and uncompressed: on a few rows a column's dictionary page and Snappy's framing cost
   * more time than they save bytes, and the run-end compaction rewrites them encoded.
   */
  static final int PLAIN_ROWS = 256;

  /**
   * A writer of {@code schema} rows into {@code file}, synced to storage when closed, with
   * {@code metadata} in the file's footer; dictionary-encoded and Snappy-compressed when {@code encoded},
   * plain otherwise.
   */
  static ParquetWriter<Group> writer(Path file, Configuration conf, MessageType schema, Map<String, String> metadata,
      boolean encoded) throws IOException {
    return ExampleParquetWriter.builder(new SyncedFile(file.getFileSystem(conf), file))
        .withType(schema)
        .withExtraMetaData(metadata)
        .withConf(conf)
        .withDictionaryEncoding(encoded)
        .withCompressionCodec(encoded ? CompressionCodecName.SNAPPY : CompressionCodecName.UNCOMPRESSED)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  /**
   * A Parquet output file that reaches storage before it is closed ({@link NewFiles}), so the rename
   * that commits it never publishes a file whose bytes a power cut would lose.
   */
  private record SyncedFile(FileSystem fs, Path path) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return NewFiles.create(fs, path, true);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }

  /** NaN and null both mean "not measured": stored as null so SQL aggregates skip them. */
  private static void optional(Group g, String field, Double v) {
    if (v != null && !v.isNaN()) {
      g.append(field, v);
    }
  }

  private static void list(Group g, String field, double[] values) {
    if (values != null) {
      Group list = g.addGroup(field);
      for (double v : values) {
        list.addGroup("list").append("element", v);
      }
    }
  }

  private static long millis(Instant t) {
    return t.toEpochMilli();
  }
}
