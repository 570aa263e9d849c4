package dev.backproplab.jobs.query;

import java.util.List;

/**
 * A SQL engine with the views of {@code views.sql} registered over one results folder. Read-only:
 * {@link #query} refuses anything but one SELECT, WITH, EXPLAIN, DESCRIBE or SHOW statement (see
 * {@link ReadOnlySql}) and cannot reach files outside the folder. Not thread-safe; close it when done.
 */
public interface QueryEngine extends AutoCloseable {
  /** The engine's name, as {@code --engine} takes it. */
  String name();

  /** The files of the folder left out because they cannot be read, each with the reason. */
  List<String> skipped();

  /**
   * Runs one read-only statement.
   *
   * @throws dev.backproplab.core.InvalidInputException when the statement is refused or not valid
   */
  QueryResult query(String sql);

  @Override
  void close();
}
