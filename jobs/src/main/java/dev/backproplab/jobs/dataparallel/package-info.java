/**
 * Data-parallel backprop with DL4J Spark (execution mode 3 of docs/design.md): one trial spans the
 * cluster, the baseline against which the single-task methods are compared.
 */
package dev.backproplab.jobs.dataparallel;
