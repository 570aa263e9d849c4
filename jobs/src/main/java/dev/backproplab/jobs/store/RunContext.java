package dev.backproplab.jobs.store;

import java.io.Serializable;

/**
 * Where and as which attempt a trial ran: the columns of a result row that the trial itself does
 * not know.
 *
 * @param attempt 1 for a trial's first run; higher for retries and re-runs
 * @param executor the Spark executor id and host
 * @param gpu the GPU address the trial was bound to, or null on CPU
 * @param provenance the build and machine that produced the row
 */
public record RunContext(int attempt, String executor, String gpu, Provenance provenance)
    implements Serializable {}
