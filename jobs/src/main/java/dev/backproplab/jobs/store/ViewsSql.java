package dev.backproplab.jobs.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL views over a results folder, defined once in {@code views.sql} (shipped in the jar) in the
 * SQL that DuckDB and Spark SQL both accept, and the columns an engine must add before running it
 * when no file of a folder has them: columns the tables gained after the folder was written
 * (validation metrics, provenance, ddg's staleness) are then NULL, and every view works on old and
 * new folders alike.
 */
public final class ViewsSql {
  /** The resource holding the views. */
  public static final String RESOURCE = "views.sql";

  /** Relation over every file of {@code <results>/trials} that an engine registers first. */
  public static final String TRIAL_FILES = "bpl_trial_files";
  /** Relation over every file of {@code <results>/curves} that an engine registers first. */
  public static final String CURVE_FILES = "bpl_curve_files";
  /** Relation of (sweep_id, trial_id): the trials of each recorded sweep's current revision. */
  public static final String SWEEP_REVISIONS = "bpl_sweep_revisions";

  /** Column types an engine adds as typed NULLs. */
  public enum Type { DOUBLE, INTEGER, BIGINT, BOOLEAN, STRING, DOUBLE_LIST, INTEGER_MAP, DOUBLE_MAP }

  /** A column the views use that older files may lack. */
  public record Column(String name, Type type) {}

  /**
   * Trial columns newer than the first schema: validation metrics, run provenance, search coordinates,
   * input jobs' judgements.
   */
  public static final List<Column> OPTIONAL_TRIAL_COLUMNS = List.of(
      new Column("final_val_loss", Type.DOUBLE),
      new Column("final_val_accuracy", Type.DOUBLE),
      new Column("best_val_accuracy", Type.DOUBLE),
      new Column("test_accuracy_at_best_val", Type.DOUBLE),
      new Column("git_commit", Type.STRING),
      new Column("git_dirty", Type.BOOLEAN),
      new Column("blas_threads", Type.INTEGER),
      new Column("nd4j_backend", Type.STRING),
      new Column("java_version", Type.STRING),
      new Column("host", Type.STRING),
      new Column("search_id", Type.STRING),
      new Column("generation", Type.INTEGER),
      new Column("candidate", Type.INTEGER),
      new Column("judge_class", Type.INTEGER_MAP),
      new Column("judge_probability", Type.DOUBLE_MAP),
      new Column("source_label", Type.INTEGER),
      new Column("target_label", Type.INTEGER));

  /** Curve columns newer than the first schema, or written by some methods only. */
  public static final List<Column> OPTIONAL_CURVE_COLUMNS = List.of(
      new Column("val_loss", Type.DOUBLE),
      new Column("val_accuracy", Type.DOUBLE),
      new Column("staleness", Type.DOUBLE),
      new Column("feedback_angles", Type.DOUBLE_LIST),
      new Column("blackbox_calls", Type.BIGINT),
      new Column("blackbox_angle", Type.DOUBLE));

  private static final Pattern VIEW = Pattern.compile(
      "(?s)(?:--\\s*answer:\\s*([^\\n]*)\\n)?CREATE OR REPLACE TEMPORARY VIEW (\\w+) AS.*");

  /** One {@code CREATE VIEW} statement of the file. */
  public record View(String name, String sql, String answer) {
    /** Whether this view is a ready-made answer ({@code bpl query --report NAME}). */
    public boolean isAnswer() {
      return answer != null;
    }
  }

  private static final String TEXT = load();
  private static final List<View> VIEWS = parse(TEXT);

  private ViewsSql() {}

  /** The file as shipped. */
  public static String text() {
    return TEXT;
  }

  /** The statements of the file, in order. */
  public static List<View> views() {
    return VIEWS;
  }

  /**
   * The views {@code sql} names and the views those name, in the file's order (the order they can be
   * made in): what an engine must define to run it. A name counts wherever it stands as a word.
   */
  public static List<View> usedBy(String sql) {
    Set<String> used = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(sql));
    while (!pending.isEmpty()) {
      String text = pending.pop();
      for (View v : VIEWS) {
        if (!used.contains(v.name())
            && Pattern.compile("(?i)\\b" + v.name() + "\\b").matcher(text).find()) {
          used.add(v.name());
          pending.push(v.sql().substring(v.sql().indexOf(v.name()) + v.name().length()));
        }
      }
    }
    return VIEWS.stream().filter(v -> used.contains(v.name())).toList();
  }

  /** The ready-made answers, by name, with what each answers. */
  public static Map<String, String> answers() {
    Map<String, String> out = new LinkedHashMap<>();
    for (View v : VIEWS) {
      if (v.isAnswer()) {
        out.put(v.name(), v.answer());
      }
    }
    return out;
  }

  private static List<View> parse(String text) {
    List<View> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      boolean comment = line.startsWith("--");
      if (comment && !line.startsWith("-- answer:")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.endsWith(";")) {
        String stmt = current.toString().strip();
        current.setLength(0);
        Matcher m = VIEW.matcher(stmt);
        if (!m.matches()) {
          throw new IllegalStateException(RESOURCE + ": not a CREATE OR REPLACE TEMPORARY VIEW: " + stmt);
        }
        String sql = stmt.substring(stmt.indexOf("CREATE"), stmt.length() - 1);
        out.add(new View(m.group(2), sql, m.group(1)));
      }
    }
    return List.copyOf(out);
  }

  private static String load() {
    try (InputStream in = ViewsSql.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
