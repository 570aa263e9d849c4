package dev.backproplab.jobs.sweep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which parameters tell a method's trials or configurations apart: those whose value differs
 * between them. Progress lines, summaries and reports name a configuration by these alone.
 */
public final class VaryingParams {
  private VaryingParams() {}

  /**
   * Per method, the parameters whose value differs between the parameter maps given for it.
   *
   * @param paramsByMethod per method, the parameters of each of its trials or configurations
   */
  public static Map<String, Set<String>> of(Map<String, List<Map<String, String>>> paramsByMethod) {
    Map<String, Set<String>> out = new HashMap<>();
    paramsByMethod.forEach((method, list) -> {
      Map<String, Set<String>> values = new TreeMap<>();
      list.forEach(p -> p.forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v)));
      Set<String> keys = new TreeSet<>();
      values.forEach((k, v) -> {
        if (v.size() > 1) {
          keys.add(k);
        }
      });
      out.put(method, keys);
    });
    return out;
  }
}
