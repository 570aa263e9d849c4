/**
 * Data-parallel backprop with DL4J Spark (execution mode 3 of DESIGN.md): one trial spans the cluster,
 * the baseline against which model parallelism (DDG) and the single-task methods are compared.
 */
package dev.backproplab.jobs.dataparallel;
