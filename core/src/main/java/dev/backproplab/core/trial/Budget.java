package dev.backproplab.core.trial;

import java.io.Serializable;
import dev.backproplab.core.InvalidInputException;

/**
 * When a trial stops: after {@code epochs} passes over the training set, after {@code samples}
 * training examples pushed through a forward pass (samples_seen), or after {@code seconds} of wall
 * time, whichever comes first. Unset limits are null; at least one is set.
 */
public record Budget(Integer epochs, Long samples, Double seconds) implements Serializable {

  public Budget {
    if (epochs == null && samples == null && seconds == null) {
      throw new InvalidInputException("budget needs at least one of epochs, samples, seconds");
    }
    if (epochs != null && epochs < 1) {
      throw new InvalidInputException("budget epochs must be >= 1, got " + epochs);
    }
    if (samples != null && samples < 1) {
      throw new InvalidInputException("budget samples must be >= 1, got " + samples);
    }
    if (seconds != null && !(seconds > 0)) {
      throw new InvalidInputException("budget seconds must be > 0, got " + seconds);
    }
  }

  /** True once any limit is reached. */
  public boolean exhausted(int epochsDone, long samplesSeen, double wallSeconds) {
    return (epochs != null && epochsDone >= epochs)
        || (samples != null && samplesSeen >= samples)
        || (seconds != null && wallSeconds >= seconds);
  }

  /** A compact description, e.g. {@code epochs=30}. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (epochs != null) {
      b.append("epochs=").append(epochs);
    }
    if (samples != null) {
      b.append(b.length() > 0 ? "," : "").append("samples=").append(samples);
    }
    if (seconds != null) {
      b.append(b.length() > 0 ? "," : "").append("seconds=").append(seconds);
    }
    return b.toString();
  }
}
