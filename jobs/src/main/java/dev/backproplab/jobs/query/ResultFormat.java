package dev.backproplab.jobs.query;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a query result as an aligned table, CSV (RFC 4180, with a header) or JSON lines (one object
 * per row). Maps, arrays and structs are rendered as JSON in the table and CSV forms, so every form
 * is complete; timestamps as ISO-8601 instants in UTC.
 */
public enum ResultFormat {
  TABLE,
  CSV,
  JSON;

  /** Prints every row of {@code result}. */
  public void print(QueryResult result, PrintWriter out) {
    List<String> names = result.columns();
    if (this == JSON) {
      for (List<Object> r : result.rows()) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          o.put(names.get(i), r.get(i) instanceof Instant t ? t.toString() : r.get(i));
        }
        out.println(Json.of(o));
      }
      return;
    }
    if (this == CSV) {
      out.println(csvLine(names));
      for (List<Object> r : result.rows()) {
        out.println(csvLine(cells(r, "")));
      }
      return;
    }
    int[] w = new int[names.size()];
    List<List<String>> cells = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      w[i] = names.get(i).length();
    }
    for (List<Object> r : result.rows()) {
      List<String> c = cells(r, "NULL");
      for (int i = 0; i < c.size(); i++) {
        w[i] = Math.max(w[i], c.get(i).length());
      }
      cells.add(c);
    }
    out.println(tableLine(names, w));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      rule.append(i > 0 ? "-+-" : "").append("-".repeat(w[i]));
    }
    out.println(rule);
    for (List<String> c : cells) {
      out.println(tableLine(c, w));
    }
    int n = result.rows().size();
    out.println("(" + n + (n == 1 ? " row)" : " rows)"));
  }

  /** A value as one cell of text. */
  static String text(Object v) {
    return v instanceof Map<?, ?> || v instanceof List<?> ? Json.of(v) : String.valueOf(v);
  }

  private static List<String> cells(List<Object> r, String nullText) {
    List<String> c = new ArrayList<>(r.size());
    for (Object v : r) {
      c.add(v == null ? nullText : text(v));
    }
    return c;
  }

  private static String tableLine(List<String> cells, int[] w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(i > 0 ? " | " : "").append(String.format("%-" + w[i] + "s", cells.get(i)));
    }
    return b.toString().stripTrailing();
  }

  private static String csvLine(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i > 0) {
        b.append(',');
      }
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
