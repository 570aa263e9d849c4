/**
 * The sweep job: sweep files parsed and validated, trials run one per Spark task, results committed
 * from the tasks, progress and a summary on the driver.
 */
package dev.backproplab.jobs.sweep;
