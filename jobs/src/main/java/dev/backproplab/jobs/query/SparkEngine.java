package dev.backproplab.jobs.query;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.store.ResultsViews;
import dev.backproplab.jobs.store.ViewsSql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import scala.runtime.AbstractFunction1;

/**
 * The views of {@code views.sql} on Spark SQL: for results on HDFS or S3, under {@code spark-submit},
 * or with {@code --engine spark}. A view is made when a query first uses it (Spark analyses a view's
 * whole tree as it is made: making the twenty of them cost more than a query on a compacted folder). Read-only beyond {@link ReadOnlySql}: a SELECT or WITH must parse to
 * a query (no command, no INSERT), SQL on files ({@code parquet.`path`}) is off, and Spark's
 * reflection functions are refused.
 */
public final class SparkEngine implements QueryEngine {
  private static final Pattern REFLECTION =
      Pattern.compile("(?i)\\b(reflect|java_method|try_reflect)\\s*\\(");

  private final SparkSession spark;
  private final boolean owned;
  private List<String> skipped = List.of();
  /** The views this engine has made; the rest are made when a query first uses them. */
  private final java.util.Set<String> defined = new java.util.HashSet<>();

  /**
   * Registers the views over {@code sweeps} (all when empty) of {@code root} in {@code spark}.
   *
   * @param owned whether {@link #close()} stops the session
   */
  public SparkEngine(SparkSession spark, boolean owned, String root, Collection<String> sweeps) {
    this.spark = spark;
    this.owned = owned;
    try {
      spark.conf().set("spark.sql.runSQLOnFiles", "false");
      skipped = ResultsViews.registerFiles(spark, root, sweeps).skipped();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public List<String> skipped() {
    return skipped;
  }

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public QueryResult query(String sql) {
    String code = ReadOnlySql.check(sql, true);
    if (REFLECTION.matcher(code).find()) {
      throw new InvalidInputException("bpl query is read-only: Spark's reflection functions are refused");
    }
    Dataset<Row> result;
    try {
      parseCheck(code, sql);
      define(code.strip().toUpperCase(java.util.Locale.ROOT).startsWith("SHOW") ? ViewsSql.views()
          : ViewsSql.usedBy(sql));
      result = spark.sql(sql);
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception e) {
      // Scala throws the checked AnalysisException (and ParseException, a subclass) undeclared
      if (e instanceof AnalysisException) {
        throw new InvalidInputException("the query is not valid: " + e.getMessage(), e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    List<String> columns = List.of(result.columns());
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : result.collectAsList()) {
      List<Object> row = new ArrayList<>(r.length());
      for (int i = 0; i < r.length(); i++) {
        row.add(plain(r.get(i)));
      }
      rows.add(row);
    }
    return new QueryResult(columns, rows);
  }

  /**
   * Makes the views not made yet by this engine (a view made over another folder in the same session
   * is replaced), in the file's order.
   */
  private void define(List<ViewsSql.View> views) {
    for (ViewsSql.View v : views) {
      if (defined.add(v.name())) {
        spark.sql(v.sql());
      }
    }
  }

  /** A SELECT or WITH must parse to a plan with no command and no write in it. */
  private void parseCheck(String code, String sql) throws AnalysisException {
    String first = code.strip().split("[\\s(]+")[0].toUpperCase(java.util.Locale.ROOT);
    if (first.equals("SELECT") || first.equals("WITH")) {
      LogicalPlan plan = spark.sessionState().sqlParser().parsePlan(sql);
      if (plan.find(new Writes()).isDefined()) {
        throw new InvalidInputException("bpl query is read-only: the statement is not a query");
      }
    }
  }

  @Override
  public void close() {
    if (owned) {
      spark.stop();
    }
  }

  /** Whether a node of a parsed plan is a command or a write. */
  private static final class Writes extends AbstractFunction1<LogicalPlan, Object> {
    @Override
    public Object apply(LogicalPlan p) {
      return p instanceof Command || p instanceof ParsedStatement;
    }
  }

  /** A Spark value as one of the plain values {@link QueryResult} holds. */
  static Object plain(Object v) {
    if (v instanceof scala.collection.Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      scala.collection.JavaConverters.mapAsJavaMap(m).forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof scala.collection.Seq<?> s) {
      List<Object> out = new ArrayList<>();
      scala.collection.JavaConverters.seqAsJavaList(s).forEach(x -> out.add(plain(x)));
      return out;
    }
    if (v instanceof Row r) {
      Map<String, Object> out = new LinkedHashMap<>();
      String[] names = r.schema().fieldNames();
      for (int i = 0; i < names.length; i++) {
        out.put(names[i], plain(r.get(i)));
      }
      return out;
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    return v;
  }
}
