package dev.backproplab.jobs.compare;

import java.util.List;
import java.util.Map;

/**
 * One trial of a run as {@code bpl compare} sees it.
 *
 * @param method the method
 * @param configuration what identifies its configuration across runs: model, budget and parameters
 *     (not the data set, whose copy a schedule may move, nor the trial id, which includes it)
 * @param params its resolved parameters (what the table names a configuration by)
 * @param status its final status (COMPLETED, DIVERGED, FAILED, TIMED_OUT, STOPPED)
 * @param valAccuracy its final validation accuracy, or null
 * @param testAccuracy its final test accuracy, or null
 * @param curve its measured points in training order
 */
public record TrialRow(String method, String configuration, Map<String, String> params, String status, Double valAccuracy,
    Double testAccuracy, List<Point> curve) {
  public TrialRow {
    params = Map.copyOf(params);
    curve = List.copyOf(curve);
  }

  /**
   * A point of the curve.
   *
   * @param samples samples seen so far
   * @param seconds wall seconds of training so far
   * @param accuracy validation accuracy there (test accuracy for trials that measured no validation)
   */
  public record Point(long samples, double seconds, double accuracy) {}

  /** Failed to finish: FAILED or TIMED_OUT. */
  boolean failed() {
    return status.equals("FAILED") || status.equals("TIMED_OUT");
  }

  boolean diverged() {
    return status.equals("DIVERGED");
  }

  /** The first point at or above {@code target}, or null when the trial never got there. */
  Point reached(double target) {
    for (Point p : curve) {
      if (p.accuracy() >= target) {
        return p;
      }
    }
    return null;
  }
}
