package dev.backproplab.core;

import java.util.Collection;
import java.util.Optional;

/** Finds the known name nearest to a misspelt one, for "did you mean" messages. */
public final class Suggest {
  private Suggest() {}

  /**
   * The candidate with the smallest edit distance to {@code name}, if that distance is at most a third
   * of the longer word's length plus one (so "lrr" suggests "lr" but "foo" suggests nothing); failing
   * that, the shortest candidate that {@code name} begins (so "grace" suggests "grace_epochs").
   */
  public static Optional<String> nearest(String name, Collection<String> candidates) {
    Optional<String> close = closest(name, candidates);
    if (close.isPresent() || name.length() < 3) {
      return close;
    }
    return candidates.stream()
        .filter(c -> c.startsWith(name))
        .min(java.util.Comparator.comparingInt(String::length).thenComparing(c -> c));
  }

  private static Optional<String> closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    if (best == null || bestDistance > Math.max(name.length(), best.length()) / 3 + 1) {
      return Optional.empty();
    }
    return Optional.of(best);
  }

  /** " (did you mean 'x'?)" or the empty string. */
  public static String didYouMean(String name, Collection<String> candidates) {
    return nearest(name, candidates).map(n -> " (did you mean '" + n + "'?)").orElse("");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
