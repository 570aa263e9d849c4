package dev.backproplab.core.method;

/** Where one trial of a method runs; a {@link Method} states the placements it supports. */
public enum Placement {
  /** The whole trial in one Spark task (one core, or {@code spark.task.cpus}). */
  TASK,
  /** One trial spread over the cluster, driven from the driver (data-parallel training). */
  CLUSTER,
  /** A driver-owned search whose generations are evaluated by executors ({@code bpl search}). */
  SEARCH
}
