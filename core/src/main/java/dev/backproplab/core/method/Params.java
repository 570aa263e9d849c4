package dev.backproplab.core.method;

import dev.backproplab.core.Names;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A method's resolved hyperparameters (every key checked and defaults filled in by {@link
 * Method#resolve}), read as typed values. Values are the canonical strings {@link ParamDef#normalize}
 * produced, so reading them cannot fail; a key the method does not declare is a programming error.
 */
public final class Params {
  private final SortedMap<String, String> values;

  Params(SortedMap<String, String> values) {
    this.values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** Every value as its canonical string, sorted by name: what a trial row records. */
  public SortedMap<String, String> asStrings() {
    return values;
  }

  private String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no parameter '" + key + "' among " + values.keySet());
    }
    return v;
  }

  /** A real-valued parameter. */
  public double real(String key) {
    return Double.parseDouble(get(key));
  }

  /** An integer parameter. */
  public int integer(String key) {
    return Integer.parseInt(get(key));
  }

  /** A list-of-integers parameter; empty for its word meaning none ({@link ParamDef#integers}). */
  public List<Integer> integers(String key) {
    String v = get(key);
    return Character.isLetter(v.charAt(0)) ? List.of()
        : Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
  }

  /** A choice parameter as the constant of {@code type} it names. */
  public <E extends Enum<E>> E choice(String key, Class<E> type) {
    return Names.parse(type, get(key), key);
  }

  /** A text parameter. */
  public String text(String key) {
    return get(key);
  }

  /** A choice parameter of {@code true} / {@code false}. */
  public boolean flag(String key) {
    return Boolean.parseBoolean(get(key));
  }
}
