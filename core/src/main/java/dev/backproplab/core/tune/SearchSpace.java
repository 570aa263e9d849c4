package dev.backproplab.core.tune;

import dev.backproplab.core.InvalidInputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The space a search explores: its dimensions in the order the sweep file gives them, each encoded on
 * [0, 1] ({@link Dimension}). A point of the space is a vector with one coordinate per dimension; the
 * optimizers that need an order (CMA-ES, sep-CMA-ES, Nelder-Mead) see only the {@link #numeric()}
 * coordinates, the others (GA, random) all of them (see {@link Tuner}).
 *
 * @param dimensions at least one, with distinct names
 */
public record SearchSpace(List<Dimension> dimensions) implements Serializable {

  public SearchSpace {
    dimensions = List.copyOf(dimensions);
    if (dimensions.isEmpty()) {
      throw new InvalidInputException("space is empty: give at least one parameter to search");
    }
    Set<String> names = new HashSet<>();
    for (Dimension d : dimensions) {
      if (!names.add(d.name())) {
        throw new InvalidInputException("space: parameter '" + d.name() + "' appears twice");
      }
    }
  }

  /** The indexes of the ordered (real and integer) dimensions. */
  public int[] numeric() {
    return indexes(false);
  }

  /** The indexes of the categorical dimensions. */
  public int[] categorical() {
    return indexes(true);
  }

  private int[] indexes(boolean categorical) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      if (dimensions.get(i).categorical() == categorical) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The values of the point with coordinates {@code u} (one per dimension), by name in space order. */
  public Map<String, Object> decode(double[] u) {
    if (u.length != dimensions.size()) {
      throw new IllegalArgumentException("expected " + dimensions.size() + " coordinates, got " + u.length);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < u.length; i++) {
      out.put(dimensions.get(i).name(), dimensions.get(i).decode(u[i]));
    }
    return out;
  }
}
