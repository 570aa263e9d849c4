package dev.backproplab.core.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.method.MethodCatalogue;
import dev.backproplab.core.method.ParamDef;
import dev.backproplab.core.method.Placement;
import dev.backproplab.core.trial.TrialSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Expands a {@link SweepSpec} into trials: for each method block, every grid combination times every
 * random draw, each repeated {@code repeats} times with its own seed. All hyperparameters are
 * validated and completed with defaults here, so a bad value stops the sweep before any work starts.
 *
 * <p>Each trial's id and seed come from its canonical {@link TrialKey}: the same sweep file always gives
 * the same ids, which is what makes re-runs resumable and results deduplicable.
 */
public final class SweepExpander {
  private SweepExpander() {}

  /**
   * The trials of {@code sweep}, in a stable order, each method looked up in {@code methods}.
   *
   * @param where the sweep file's name, for messages
   */
  public static List<TrialSpec> expand(SweepSpec sweep, MethodCatalogue methods, String where) {
    List<TrialSpec> trials = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int b = 0; b < sweep.methods().size(); b++) {
      MethodBlock block = sweep.methods().get(b);
      String at = where + ": methods[" + b + "] (" + block.method() + ")";
      Method<?> method;
      try {
        method = methods.get(block.method());
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + ": methods[" + b + "].method: " + e.getMessage(), e);
      }
      if (block.tune() != null) {
        continue; // its trials come from its search, a generation at a time (searches())
      }
      for (Map<String, Object> config : configurations(sweep, b, block, method, at)) {
        Method.Resolved resolved = method.resolve(config, at);
        for (int r = 0; r < sweep.repeats(); r++) {
          var budget = block.budget() != null ? block.budget() : sweep.budget();
          var model = block.model() != null ? block.model() : sweep.model();
          TrialKey key = TrialKey.of(method, sweep.dataset(), model, resolved.params(), budget, sweep.seed(), r,
              sweep.validation());
          if (!ids.add(key.id())) {
            continue; // the same configuration listed twice runs once
          }
          trials.add(new TrialSpec(sweep.name(), key.id(), sweep.dataset(), model, resolved.params(),
              resolved.config(), budget, key.seed(), sweep.validation()));
        }
      }
    }
    return trials;
  }

  /**
   * The searches of {@code sweep}: one per method block with a {@code tune:}, its space checked against
   * the method and the model ({@link SearchBlock#probes()}).
   *
   * @param where the sweep file's name, for messages
   */
  public static List<SearchBlock> searches(SweepSpec sweep, MethodCatalogue methods, String where) {
    List<SearchBlock> out = new ArrayList<>();
    for (int b = 0; b < sweep.methods().size(); b++) {
      MethodBlock block = sweep.methods().get(b);
      if (block.tune() == null) {
        continue;
      }
      Method<?> method = methods.get(block.method());
      if (!method.placements().contains(Placement.TASK)) {
        throw new InvalidInputException(where + ": methods[" + b + "].tune: a search runs each trial as a Spark"
            + " task, and " + method.name() + " runs its trials " + method.placement().name().toLowerCase()
            + "-wide: tune it with grid or random");
      }
      String text = String.join("\n", sweep.dataset(), "validation " + sweep.validation().describe(),
          block.method(), new TreeMap<>(block.params()).toString(), block.tune().toString(),
          (block.budget() != null ? block.budget() : sweep.budget()).describe(),
          (block.model() != null ? block.model() : sweep.model()).describe());
      SearchBlock search = new SearchBlock(sweep, b, method, TrialKey.searchId(text, sweep.seed()),
          where + ": methods[" + b + "] (" + block.method() + ")");
      search.probes();
      out.add(search);
    }
    return out;
  }

  private static List<Map<String, Object>> configurations(
      SweepSpec sweep, int blockIndex, MethodBlock block, Method<?> method, String at) {
    for (String key : block.random().keySet()) {
      method.param(key, at + ".random");
    }
    List<Map<String, Object>> grid = new ArrayList<>();
    grid.add(new LinkedHashMap<>(block.params()));
    for (Map.Entry<String, List<Object>> axis : block.grid().entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : grid) {
        for (Object value : axis.getValue()) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(axis.getKey(), value);
          next.add(m);
        }
      }
      grid = next;
    }
    if (block.randomSamples() == 0) {
      return grid;
    }
    SplittableRandom rng = new SplittableRandom(sweep.seed() * 31 + blockIndex + 1);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int s = 0; s < block.randomSamples(); s++) {
      Map<String, Object> draw = new LinkedHashMap<>();
      for (Map.Entry<String, Distribution> e : block.random().entrySet()) {
        ParamDef def = method.params().get(e.getKey());
        boolean words = def.kind() != ParamDef.Kind.INT && def.kind() != ParamDef.Kind.DOUBLE;
        if (words && e.getValue().kind() != Distribution.Kind.CHOICE) {
          throw new InvalidInputException(
              at + ".random." + e.getKey() + ": " + e.getKey() + " takes " + def.range() + ": use choice: [...]");
        }
        draw.put(e.getKey(), e.getValue().draw(rng, def.kind() == ParamDef.Kind.INT));
      }
      for (Map<String, Object> g : grid) {
        Map<String, Object> m = new LinkedHashMap<>(g);
        m.putAll(draw);
        out.add(m);
      }
    }
    return out;
  }
}
