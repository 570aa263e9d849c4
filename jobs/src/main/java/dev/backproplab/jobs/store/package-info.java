/**
 * The Parquet results store: the {@code trials} and {@code curves} tables, committed a trial at a time
 * from the task that ran it; the files queries read ({@link dev.backproplab.jobs.store.ResultsFiles}) and
 * the SQL views over them ({@code views.sql}, {@link dev.backproplab.jobs.store.ViewsSql}); the
 * heartbeats of running trials.
 */
package dev.backproplab.jobs.store;
