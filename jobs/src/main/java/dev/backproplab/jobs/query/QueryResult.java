package dev.backproplab.jobs.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a query, the same whichever engine computed it: column names and rows of plain Java
 * values. A value is null, a {@link String}, a {@link Boolean}, a {@link Number}, a
 * {@link java.time.Instant}, a {@link List} (SQL arrays) or a {@link java.util.Map} (SQL maps, with
 * sorted keys, and structs, in field order).
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** The index of column {@code name}. */
  public int column(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + name + "' in " + columns);
    }
    return i;
  }

  /** Every value of column {@code name}, in row order. */
  public List<Object> values(String name) {
    int i = column(name);
    List<Object> out = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      out.add(r.get(i));
    }
    return out;
  }
}
