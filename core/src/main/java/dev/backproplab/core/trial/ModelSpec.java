package dev.backproplab.core.trial;

import java.io.Serializable;
import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.nn.Activation;
import java.util.List;
import java.util.Objects;

/**
 * The network a trial trains: its type ({@code mlp}), hidden layer widths and hidden activation.
 * Input width and class count come from the data set.
 */
public record ModelSpec(String type, List<Integer> hidden, String activation) implements Serializable {

  /** Model types this build can train. */
  public static final List<String> TYPES = List.of("mlp");

  public ModelSpec {
    Objects.requireNonNull(type, "type");
    if (!TYPES.contains(type)) {
      throw new InvalidInputException(
          "unknown model type '" + type + "': expected one of " + TYPES);
    }
    hidden = List.copyOf(hidden);
    for (int h : hidden) {
      if (h < 1) {
        throw new InvalidInputException("hidden layer width must be >= 1, got " + h);
      }
    }
    Activation.parse(activation);
  }

  /** A compact description for logs and tables, e.g. {@code mlp[64,32]/tanh}. */
  public String describe() {
    return type + hidden.toString().replace(" ", "") + "/" + activation;
  }
}
