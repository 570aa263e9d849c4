package dev.backproplab.jobs.store;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Prints a query result as an aligned table, CSV (RFC 4180, with a header) or JSON lines. Maps,
 * arrays and structs are rendered as JSON in the table and CSV forms, so every form is complete.
 */
public enum ResultFormat {
  TABLE,
  CSV,
  JSON;

  /** Prints every row of {@code result}. */
  public void print(Dataset<Row> result, PrintWriter out) {
    if (this == JSON) {
      for (String line : result.toJSON().collectAsList()) {
        out.println(line);
      }
      return;
    }
    StructType schema = result.schema();
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = functions.col("`" + f.name() + "`");
      cols.add(isComplex(f.dataType()) ? functions.to_json(c).as(f.name()) : c.cast("string").as(f.name()));
    }
    List<Row> rows = result.select(cols.toArray(new Column[0])).collectAsList();
    String[] names = schema.fieldNames();
    if (this == CSV) {
      out.println(csvLine(names));
      for (Row r : rows) {
        out.println(csvLine(cells(r, "")));
      }
      return;
    }
    int[] w = new int[names.length];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      w[i] = names[i].length();
    }
    for (Row r : rows) {
      String[] c = cells(r, "NULL");
      for (int i = 0; i < c.length; i++) {
        w[i] = Math.max(w[i], c[i].length());
      }
      cells.add(c);
    }
    out.println(tableLine(names, w));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      rule.append(i > 0 ? "-+-" : "").append("-".repeat(w[i]));
    }
    out.println(rule);
    for (String[] c : cells) {
      out.println(tableLine(c, w));
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static boolean isComplex(DataType t) {
    return t instanceof MapType || t instanceof ArrayType || t instanceof StructType;
  }

  private static String[] cells(Row r, String nullText) {
    String[] c = new String[r.length()];
    for (int i = 0; i < c.length; i++) {
      c[i] = r.isNullAt(i) ? nullText : r.getString(i);
    }
    return c;
  }

  private static String tableLine(String[] cells, int[] w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      b.append(i > 0 ? " | " : "").append(String.format("%-" + w[i] + "s", cells[i]));
    }
    return b.toString().stripTrailing();
  }

  private static String csvLine(String[] cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
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
