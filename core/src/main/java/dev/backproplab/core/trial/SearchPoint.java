package dev.backproplab.core.trial;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a trial stands in a hyperparameter search (a method block's {@code tune:}): the search, the
 * generation that asked for it and its index there. Recorded in the {@code trials} table as
 * {@code search_id}, {@code generation} and {@code candidate}.
 *
 * @param searchId the search: 16 hex digits derived from the method block and the sweep seed
 * @param generation the generation, from 0
 * @param candidate the index in the generation, from 0
 */
public record SearchPoint(String searchId, int generation, int candidate) implements Serializable {
  public SearchPoint {
    Objects.requireNonNull(searchId, "searchId");
    if (generation < 0 || candidate < 0) {
      throw new IllegalArgumentException("generation and candidate are >= 0, got " + generation + ", " + candidate);
    }
  }

  /** The point as a trial key's line. */
  public String describe() {
    return "search " + searchId + " generation " + generation + " candidate " + candidate;
  }
}
