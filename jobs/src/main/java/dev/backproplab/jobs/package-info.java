/**
 * backprop-lab jobs: the {@code bpl} command line, the Spark jobs, the Parquet results store and its
 * SQL views, and the benchmarks. The only module that sees Spark.
 */
package dev.backproplab.jobs;
