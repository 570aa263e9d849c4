package dev.backproplab.jobs.query;

import dev.backproplab.core.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/**
 * The first line of {@code bpl query}'s read-only promise, shared by every engine: one statement,
 * and one that starts with SELECT, WITH, EXPLAIN (of a query), DESCRIBE or SHOW. Each engine adds
 * its own second line (DuckDB: file access locked to the results folder; Spark: the parsed plan
 * must be a query, no SQL on files, no Java reflection).
 */
public final class ReadOnlySql {
  private static final Set<String> ALLOWED = Set.of("SELECT", "WITH", "EXPLAIN", "DESCRIBE", "DESC", "SHOW");
  private static final Set<String> QUERY = Set.of("SELECT", "WITH", "FROM", "VALUES");
  private static final Set<String> EXPLAIN_OPTIONS = Set.of("EXTENDED", "CODEGEN", "COST", "FORMATTED");

  private ReadOnlySql() {}

  /**
   * The statement's code with comments and the contents of quoted strings and identifiers blanked
   * (quotes kept), a trailing ';' removed.
   *
   * @param backslashEscapes whether a backslash escapes a quote inside a string (Spark SQL: yes;
   *     DuckDB, like standard SQL: no)
   * @throws InvalidInputException when it holds more than one statement, an unclosed quote or
   *     comment, or starts with another keyword
   */
  public static String check(String sql, boolean backslashEscapes) {
    String code = blank(sql, backslashEscapes).strip();
    while (code.endsWith(";")) {
      code = code.substring(0, code.length() - 1).strip();
    }
    if (code.isEmpty()) {
      throw new InvalidInputException("the query is empty");
    }
    if (code.indexOf(';') >= 0) {
      throw new InvalidInputException("bpl query runs one statement at a time; found ';' inside: " + sql.strip());
    }
    String[] words = code.replace('(', ' ').strip().split("\\s+");
    String first = words[0].toUpperCase(Locale.ROOT);
    if (!ALLOWED.contains(first)) {
      throw refused(first);
    }
    if (first.equals("EXPLAIN")) {
      int i = 1;
      while (i < words.length && EXPLAIN_OPTIONS.contains(words[i].toUpperCase(Locale.ROOT))) {
        i++;
      }
      if (i >= words.length || !QUERY.contains(words[i].toUpperCase(Locale.ROOT))) {
        throw new InvalidInputException("bpl query explains queries only (EXPLAIN SELECT ... or EXPLAIN WITH ...)");
      }
    }
    return code;
  }

  private static InvalidInputException refused(String keyword) {
    return new InvalidInputException("bpl query is read-only: '" + keyword
        + "' statements are refused; expected SELECT, WITH, EXPLAIN, DESCRIBE or SHOW");
  }

  /** {@code sql} with comments replaced by spaces and quoted text by the letter x. */
  static String blank(String sql, boolean backslashEscapes) {
    StringBuilder b = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        b.append(' ');
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          throw new InvalidInputException("the query has an unclosed /* comment");
        }
        i = end + 2;
        b.append(' ');
      } else if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (true) {
          if (j >= n) {
            throw new InvalidInputException("the query has an unclosed " + c + " quote");
          }
          char d = sql.charAt(j);
          if (d == '\\' && c == '\'' && backslashEscapes) {
            j += 2;
            continue;
          }
          if (d == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        b.append(c).append("x".repeat(Math.max(0, j - i - 1))).append(c);
        i = j + 1;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }
}
