/**
 * Benchmarks ({@code bpl bench}): speed measured as ratios against a baseline run in the same process,
 * never by timed assertions in tests.
 */
package dev.backproplab.jobs.bench;
