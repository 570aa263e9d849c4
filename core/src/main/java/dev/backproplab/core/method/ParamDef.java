package dev.backproplab.core.method;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.Names;
import java.io.Serializable;
import java.util.List;

/**
 * One hyperparameter a method accepts: its name, type, default and allowed values. Turns a value
 * from a sweep file into the canonical string stored with the trial, or says what is wrong with it.
 *
 * <p>A parameter added to a method after trials of it were recorded declares, with {@link
 * #addedLater()}, that its default reproduces the method's earlier behaviour: trial keys leave it out
 * while it has that value, so existing results keep their ids (see {@link
 * dev.backproplab.core.sweep.TrialKey} and docs/adr/0010).
 *
 * @param name the key in sweep files
 * @param kind the value type
 * @param defaultValue canonical default
 * @param min lower bound (numbers)
 * @param minExclusive whether the lower bound itself is refused
 * @param max upper bound (numbers)
 * @param choices allowed strings (choices); for a list of integers, the one word meaning no list
 * @param doc one line for documentation and messages
 * @param keyNeutral the value a trial key leaves out (the default of a parameter added later), or null
 * @param pattern the regular expression a text value matches (text), or null
 */
public record ParamDef(
    String name, Kind kind, String defaultValue, double min, boolean minExclusive, double max,
    List<String> choices, String doc, String keyNeutral, String pattern) implements Serializable {

  /** Value types. */
  public enum Kind {
    DOUBLE,
    INT,
    CHOICE,
    /** Free text matching a pattern, e.g. a saved model's trial id or path. */
    TEXT,
    /** Strictly increasing integers in [min, max], or the one word in {@code choices} for none. */
    INT_LIST
  }

  /** A real number greater than {@code min} (exclusive) and at most {@code max}. */
  public static ParamDef realAbove(String name, double def, double min, double max, String doc) {
    return new ParamDef(name, Kind.DOUBLE, Double.toString(def), min, true, max, List.of(), doc, null, null);
  }

  /** A real number in [{@code min}, {@code max}]. */
  public static ParamDef real(String name, double def, double min, double max, String doc) {
    return new ParamDef(name, Kind.DOUBLE, Double.toString(def), min, false, max, List.of(), doc, null, null);
  }

  /** An integer in [{@code min}, {@code max}]. */
  public static ParamDef integer(String name, int def, int min, int max, String doc) {
    return new ParamDef(name, Kind.INT, Integer.toString(def), min, false, max, List.of(), doc, null, null);
  }

  /**
   * Strictly increasing integers in [{@code min}, {@code max}], written as one integer or as text with
   * commas ({@code "1,3"}), stored as {@code 1,3}; or the word {@code none}, the default, for no list.
   */
  public static ParamDef integers(String name, String none, int min, int max, String doc) {
    return new ParamDef(name, Kind.INT_LIST, none, min, false, max, List.of(none), doc, null, null);
  }

  /** One of {@code choices}. */
  public static ParamDef choice(String name, String def, List<String> choices, String doc) {
    return new ParamDef(name, Kind.CHOICE, def, 0, false, 0, List.copyOf(choices), doc, null, null);
  }

  /** One of the constants of {@code type}, by {@link Names name}. */
  public static <E extends Enum<E>> ParamDef choice(String name, E def, Class<E> type, String doc) {
    return choice(name, Names.of(def), Names.all(type), doc);
  }

  /**
   * Text matching {@code pattern} (a whole-string regular expression; {@code doc} says what it accepts,
   * for messages); {@code def} may be empty for a parameter a sweep must give.
   */
  public static ParamDef text(String name, String def, String pattern, String doc) {
    return new ParamDef(name, Kind.TEXT, def, 0, false, 0, List.of(), doc, null, pattern);
  }

  /** This parameter, marked as added after trials were recorded: its default is key-neutral. */
  public ParamDef addedLater() {
    return new ParamDef(name, kind, defaultValue, min, minExclusive, max, choices, doc, defaultValue, pattern);
  }

  /** The same parameter with other allowed choices (a method that supports fewer). */
  public ParamDef withChoices(List<String> allowed) {
    return new ParamDef(name, kind, defaultValue, min, minExclusive, max, List.copyOf(allowed), doc, keyNeutral, pattern);
  }

  /**
   * The canonical string for {@code value} (a Number, String or Boolean as parsed from YAML).
   *
   * @param where the location for the message, e.g. {@code "quickstart.yaml: methods[0].grid.lr"}
   * @throws InvalidInputException naming {@code where}, the value and what was expected
   */
  public String normalize(Object value, String where) {
    switch (kind) {
      case CHOICE -> {
        String s = String.valueOf(value);
        if (!choices.contains(s)) {
          throw new InvalidInputException(
              where + ": '" + s + "' is not a valid " + name + ": expected one of " + choices);
        }
        return s;
      }
      case TEXT -> {
        if (!(value instanceof String s) || !s.matches(pattern)) {
          throw new InvalidInputException(where + ": " + describe(value) + " is not a valid " + name + ": expected "
              + doc);
        }
        return s;
      }
      case INT -> {
        if (!(value instanceof Integer || value instanceof Long)) {
          throw new InvalidInputException(
              where + ": expected an integer for " + name + ", got " + describe(value));
        }
        long v = ((Number) value).longValue();
        checkRange(v, where, value);
        return Long.toString(v);
      }
      case INT_LIST -> {
        return normalizeIntegers(value, where);
      }
      case DOUBLE -> {
        if (!(value instanceof Number)) {
          throw new InvalidInputException(
              where + ": expected a number for " + name + ", got " + describe(value));
        }
        double v = ((Number) value).doubleValue();
        checkRange(v, where, value);
        return Double.toString(v);
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private String normalizeIntegers(Object value, String where) {
    if (choices.contains(String.valueOf(value))) {
      return String.valueOf(value);
    }
    String text = value instanceof Integer || value instanceof Long || value instanceof String
        ? String.valueOf(value).trim() : "";
    if (!text.matches("-?\\d+(\\s*,\\s*-?\\d+)*")) {
      throw new InvalidInputException(where + ": expected " + range() + " for " + name + ", got " + describe(value)
          + " (" + doc + ")");
    }
    StringBuilder out = new StringBuilder();
    long last = Long.MIN_VALUE;
    for (String part : text.split("\\s*,\\s*")) {
      long v = Long.parseLong(part);
      checkRange(v, where, value);
      if (v <= last) {
        throw new InvalidInputException(where + ": " + name + " = '" + text + "' is not increasing: expected "
            + range() + " (" + doc + ")");
      }
      last = v;
      out.append(out.isEmpty() ? "" : ",").append(v);
    }
    return out.toString();
  }

  private void checkRange(double v, String where, Object value) {
    boolean low = minExclusive ? v > min : v >= min;
    if (!low || !(v <= max)) {
      throw new InvalidInputException(
          where + ": " + name + " = " + value + " is out of range: expected " + range()
              + " (" + doc + ")");
    }
  }

  /** The allowed values in words, e.g. {@code "> 0"} or {@code "in [0, 1]"}. */
  public String range() {
    if (kind == Kind.CHOICE) {
      return "one of " + choices;
    }
    if (kind == Kind.TEXT) {
      return "text";
    }
    if (kind == Kind.INT_LIST) {
      return "'" + choices.get(0) + "' or increasing integers in [" + (long) min + ", " + (long) max
          + "] (e.g. 1 or \"1,3\")";
    }
    String lo = kind == Kind.INT ? Long.toString((long) min) : Double.toString(min);
    if (max == Double.MAX_VALUE || max == Integer.MAX_VALUE) {
      return name + (minExclusive ? " > " : " >= ") + lo;
    }
    String hi = kind == Kind.INT ? Long.toString((long) max) : Double.toString(max);
    return name + " in " + (minExclusive ? "(" : "[") + lo + ", " + hi + "]";
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "the text '" + s + "'";
    }
    return value == null ? "nothing" : value.getClass().getSimpleName().toLowerCase() + " " + value;
  }
}
