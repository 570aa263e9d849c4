package dev.backproplab.core.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.trial.Methods;
import dev.backproplab.core.trial.ParamDef;
import dev.backproplab.core.trial.TrialSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * Expands a {@link SweepSpec} into trials: for each method block, every grid combination times every
 * random draw, each repeated {@code repeats} times with its own seed. All hyperparameters are
 * validated and completed with defaults here, so a bad value stops the sweep before any work starts.
 *
 * <p>Each trial's id is a hash of everything that determines its numbers (method, data set, model,
 * resolved parameters, budget, sweep seed, repeat index, validation holdout): the same sweep file always gives the same
 * ids, which is what makes re-runs resumable and results deduplicable. Its seed derives from the sweep
 * seed and that id, and is never 0 (ND4J does not reproduce seed 0).
 */
public final class SweepExpander {
  private SweepExpander() {}

  /**
   * The trials of {@code sweep}, in a stable order.
   *
   * @param where the sweep file's name, for messages
   */
  public static List<TrialSpec> expand(SweepSpec sweep, String where) {
    List<TrialSpec> trials = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int b = 0; b < sweep.methods().size(); b++) {
      MethodBlock block = sweep.methods().get(b);
      String at = where + ": methods[" + b + "] (" + block.method() + ")";
      Map<String, ParamDef> defs = Methods.params(block.method());
      for (Map<String, Object> config : configurations(sweep, b, block, defs, at)) {
        SortedMap<String, String> resolved = Methods.resolve(block.method(), config, at);
        for (int r = 0; r < sweep.repeats(); r++) {
          var budget = block.budget() != null ? block.budget() : sweep.budget();
          var model = block.model() != null ? block.model() : sweep.model();
          String key =
              String.join("\n", block.method(), sweep.dataset(), model.describe(),
                  resolved.toString(), budget.describe(), Long.toString(sweep.seed()),
                  Integer.toString(r), "validation " + sweep.validation().describe());
          byte[] hash = sha256(key);
          String id = HexFormat.of().formatHex(hash, 0, 8);
          if (!ids.add(id)) {
            continue; // the same configuration listed twice runs once
          }
          long seed = ByteBuffer.wrap(hash, 8, 8).getLong() & Long.MAX_VALUE;
          trials.add(new TrialSpec(sweep.name(), id, block.method(), sweep.dataset(), model,
              resolved, budget, seed == 0 ? 1 : seed, sweep.validation()));
        }
      }
    }
    return trials;
  }

  private static List<Map<String, Object>> configurations(
      SweepSpec sweep, int blockIndex, MethodBlock block, Map<String, ParamDef> defs, String at) {
    for (String key : block.random().keySet()) {
      if (!defs.containsKey(key)) {
        throw Methods.unknownParameter(block.method(), key, at + ".random");
      }
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
        ParamDef def = defs.get(e.getKey());
        if (def.kind() == ParamDef.Kind.CHOICE && e.getValue().kind() != Distribution.Kind.CHOICE) {
          throw new InvalidInputException(
              at + ".random." + e.getKey() + ": " + e.getKey() + " takes one of " + def.choices()
                  + ": use choice: [...]");
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

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
