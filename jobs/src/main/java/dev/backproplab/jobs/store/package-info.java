/**
 * The Parquet results store: the {@code trials} and {@code curves} tables, committed a trial at a time
 * from the task that ran it while the run owns the sweep's lock, verified before a resume trusts them;
 * the sweep records with their revisions; the files queries read ({@link
 * dev.backproplab.jobs.store.ResultsFiles}: the readable ones, the others listed) and the SQL views over
 * them ({@code views.sql}, {@link dev.backproplab.jobs.store.ViewsSql}); the heartbeats of running trials.
 */
package dev.backproplab.jobs.store;
