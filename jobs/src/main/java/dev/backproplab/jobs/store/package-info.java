/**
 * The Parquet results store: the {@code trials} and {@code curves} tables, committed a trial at a time
 * from the task that ran it, and the SQL views a user queries.
 */
package dev.backproplab.jobs.store;
