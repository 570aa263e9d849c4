/**
 * SQL over a results folder: the engines ({@link dev.backproplab.jobs.query.DuckDbEngine} for local
 * folders, {@link dev.backproplab.jobs.query.SparkEngine} for the rest) that run the views of
 * {@code views.sql}, the read-only guard, and the output formats of {@code bpl query}.
 */
package dev.backproplab.jobs.query;
