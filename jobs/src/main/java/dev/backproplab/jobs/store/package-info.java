/**
 * The Parquet results store: the {@code trials} and {@code curves} tables, committed a trial at a time
 * from the task that ran it while the run owns the sweep's lock, verified before a resume trusts them,
 * the sweep records with their revisions, and the SQL views a user queries (over the files that can be
 * read).
 */
package dev.backproplab.jobs.store;
