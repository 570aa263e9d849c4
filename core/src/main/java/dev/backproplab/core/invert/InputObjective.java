package dev.backproplab.core.invert;

import java.util.List;

/**
 * The loss an input optimisation minimises, on the activations of a frozen network at levels
 * numbered as in {@link dev.backproplab.core.nn.InputPass} (0 the input, {@code l + 1} the output of
 * layer l): {@code contentWeight * mean((A - A*)^2)} at the content level, plus {@code gramWeight *}
 * the sum over the Gram levels of {@code sum((G - G*)^2)}, where {@code G = F F^T / P} for the level's
 * C channels of P positions each (Gatys, Ecker &amp; Bethge 2015) and starred values come from the
 * target input. Over time, a feature map of C channels, T frames and W frequencies is read as C W
 * features of T positions instead: the statistics keep where in frequency a channel responds, as in
 * Chorowski et al. (ICASSP 2018), whose 1-D convolutions over time take the frequencies as channels.
 *
 * @param contentLevel the level whose activations are matched, or 0 for none
 * @param contentWeight the weight of the content term, &gt;= 0
 * @param gramLevels the levels (outputs of convolutions or pooling) whose Gram matrices are matched
 * @param gramWeight the weight of the Gram terms, &gt;= 0
 * @param gramOverTime whether the Gram matrices average over time frames alone (the rows of a map), each
 *     channel at each frequency a feature, instead of over every position
 */
public record InputObjective(int contentLevel, double contentWeight, List<Integer> gramLevels, double gramWeight,
    boolean gramOverTime) {

  /** Validates and copies. */
  public InputObjective {
    gramLevels = List.copyOf(gramLevels);
    if (contentLevel < 0 || !(contentWeight >= 0) || !(gramWeight >= 0)) {
      throw new IllegalArgumentException("Invalid objective: content level " + contentLevel + ", weights "
          + contentWeight + " and " + gramWeight + " (expected a level >= 0 and weights >= 0)");
    }
    if ((contentLevel == 0 || contentWeight == 0) && (gramLevels.isEmpty() || gramWeight == 0)) {
      throw new IllegalArgumentException("Invalid objective: it has neither a content nor a Gram term");
    }
  }

  /** Feature inversion: match the activations at {@code level}. */
  public static InputObjective inversion(int level) {
    return new InputObjective(level, 1.0, List.of(), 0.0, false);
  }

  /** Texture synthesis: match the Gram matrices at {@code levels}. */
  public static InputObjective texture(List<Integer> levels) {
    return new InputObjective(0, 0.0, levels, 1.0, false);
  }

  /** The deepest level the loss reads. */
  int deepest() {
    int d = contentWeight > 0 ? contentLevel : 0;
    for (int l : gramLevels) {
      d = Math.max(d, gramWeight > 0 ? l : 0);
    }
    return d;
  }
}
