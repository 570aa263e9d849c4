package dev.backproplab.jobs.query;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.jobs.store.ResultsFiles;
import dev.backproplab.jobs.store.ViewsSql;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.duckdb.DuckDBStruct;

/**
 * The views of {@code views.sql} on embedded DuckDB, over a results folder on the local file system:
 * no Spark session, so a query answers in well under a second. The files are loaded into DuckDB's
 * memory once (columnar, compressed) and every view
 * reads from there. After the views are made, file access
 * is locked to the results folder ({@code allowed_directories}, {@code enable_external_access = false},
 * {@code lock_configuration}), so no statement can read or write a file outside it.
 */
public final class DuckDbEngine implements QueryEngine {
  /** The JDBC driver's class, to tell whether DuckDB is on the class path. */
  static final String DRIVER = "org.duckdb.DuckDBDriver";

  private final Connection conn;
  private final List<String> skipped;

  /** Opens an in-memory DuckDB with the views over {@code files} (a local results folder). */
  public DuckDbEngine(ResultsFiles.Listing files) {
    this.skipped = files.skipped();
    try {
      conn = DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
    }
    try {
      execute("SET autoinstall_known_extensions = false");
      execute("SET autoload_known_extensions = false");
      execute("SET TimeZone = 'UTC'");
      register(ViewsSql.TRIAL_FILES, files.trialFiles(), ViewsSql.OPTIONAL_TRIAL_COLUMNS);
      register(ViewsSql.CURVE_FILES, files.curveFiles(), ViewsSql.OPTIONAL_CURVE_COLUMNS);
      execute("CREATE TEMPORARY TABLE " + ViewsSql.SWEEP_REVISIONS + " (sweep_id VARCHAR, trial_id VARCHAR)");
      try (PreparedStatement insert = conn.prepareStatement("INSERT INTO " + ViewsSql.SWEEP_REVISIONS + " VALUES (?, ?)")) {
        for (Map.Entry<String, List<String>> e : files.currentTrials().entrySet()) {
          for (String id : e.getValue()) {
            insert.setString(1, e.getKey());
            insert.setString(2, id);
            insert.addBatch();
          }
        }
        insert.executeBatch();
      }
      for (ViewsSql.View v : ViewsSql.views()) {
        execute(v.sql());
      }
      String root = localPath(files.root()).toString();
      execute("SET allowed_directories = [" + literal(root + "/") + "]");
      execute("SET enable_external_access = false");
      execute("SET lock_configuration = true");
    } catch (SQLException e) {
      close();
      throw new InvalidInputException("cannot read the results in " + files.root() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> skipped() {
    return skipped;
  }

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public QueryResult query(String sql) {
    ReadOnlySql.check(sql, false);
    try (Statement s = conn.createStatement()) {
      if (!s.execute(sql)) {
        return new QueryResult(List.of(), List.of());
      }
      try (ResultSet rs = s.getResultSet()) {
        return read(rs);
      }
    } catch (SQLException e) {
      throw new InvalidInputException("the query is not valid: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * Loads a table's files into an in-memory table (partition columns last, in folder order, as Spark
   * puts them) and adds the optional columns none of them has. A table, not a view over
   * read_parquet: every view built on a view would read every file's footer again when it is bound.
   */
  private void register(String table, List<String> files, List<ViewsSql.Column> optional) throws SQLException {
    StringBuilder list = new StringBuilder("[");
    for (String f : files) {
      list.append(list.length() > 1 ? ", " : "").append(literal(localPath(f).toString()));
    }
    execute("CREATE TEMPORARY TABLE " + table + " AS SELECT * EXCLUDE (sweep_id, method), sweep_id, method"
        + " FROM read_parquet(" + list + "], hive_partitioning = true, union_by_name = true,"
        + " hive_types_autocast = false)"
        + (table.equals(ViewsSql.TRIAL_FILES) ? " QUALIFY row_number() OVER (PARTITION BY sweep_id, trial_id, attempt) = 1"
            : ""));
    Set<String> present = new HashSet<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE " + table)) {
      while (rs.next()) {
        present.add(rs.getString(1));
      }
    }
    for (ViewsSql.Column c : optional) {
      if (!present.contains(c.name())) {
        execute("ALTER TABLE " + table + " ADD COLUMN " + c.name() + " " + type(c.type()));
      }
    }
  }

  private static String type(ViewsSql.Type t) {
    return switch (t) {
      case DOUBLE -> "DOUBLE";
      case INTEGER -> "INTEGER";
      case BIGINT -> "BIGINT";
      case BOOLEAN -> "BOOLEAN";
      case STRING -> "VARCHAR";
      case DOUBLE_LIST -> "DOUBLE[]";
      case INTEGER_MAP -> "MAP(VARCHAR, INTEGER)";
      case DOUBLE_MAP -> "MAP(VARCHAR, DOUBLE)";
    };
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(sql);
    }
  }

  private static Path localPath(String uri) {
    URI u = URI.create(uri);
    return u.getScheme() == null ? Path.of(uri).toAbsolutePath() : Path.of(u);
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static QueryResult read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> columns = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      columns.add(md.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(plain(rs.getObject(i)));
      }
      rows.add(row);
    }
    return new QueryResult(columns, rows);
  }

  /** A JDBC value as one of the plain values {@link QueryResult} holds. */
  private static Object plain(Object v) throws SQLException {
    if (v instanceof Array a) {
      List<Object> out = new ArrayList<>();
      for (Object e : (Object[]) a.getArray()) {
        out.add(plain(e));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(e.getKey()), plain(e.getValue()));
      }
      return out;
    }
    if (v instanceof DuckDBStruct s) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : s.getMap().entrySet()) {
        out.put(e.getKey(), plain(e.getValue()));
      }
      return out;
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    return v;
  }
}
