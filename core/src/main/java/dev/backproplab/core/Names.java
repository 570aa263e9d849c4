package dev.backproplab.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one way a name in a sweep file or on the command line becomes an enum constant: the constant's
 * name in lower case ({@code ADAM} is {@code adam}, {@code ONE_POINT} is {@code one_point}). An unknown
 * name is an {@link InvalidInputException} that lists the known ones and suggests the nearest.
 */
public final class Names {
  private Names() {}

  /** The name of {@code constant} in files: its enum name in lower case. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** The names of every constant of {@code type}, in declaration order. */
  public static <E extends Enum<E>> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Names::of).toList();
  }

  /**
   * The constant of {@code type} named {@code name}.
   *
   * @param what what the name stands for in the message, e.g. {@code "optimizer"}
   * @throws InvalidInputException naming the value, the known names and the nearest one
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
    for (E e : type.getEnumConstants()) {
      if (of(e).equals(name)) {
        return e;
      }
    }
    List<String> known = all(type);
    throw new InvalidInputException("unknown " + what + " '" + name + "'" + Suggest.didYouMean(name, known)
        + ": expected one of " + known);
  }
}
