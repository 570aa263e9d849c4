package dev.backproplab.core.sweep;

import dev.backproplab.core.data.Holdout;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.method.ParamDef;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.SearchPoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical key of a trial and the id and seed derived from it. The key is the text
 * <pre>
 * method \n dataset \n model \n {key parameters} \n budget \n sweep seed \n repeat \n validation holdout
 * </pre>
 * (and, for a trial of a hyperparameter search, a last line {@code search <id> generation <g> candidate <i>},
 * so two candidates with the same values are two trials) where the key parameters are the resolved parameters minus those at their {@link
 * ParamDef#keyNeutral() key-neutral} value (a parameter added to a method later, whose default
 * reproduces what the method did before it existed). The id is the first 8 bytes of the key's SHA-256
 * in hex, the seed the next 8 (never 0) of the key without the method's {@link
 * Method#executionParams() execution parameters} (which change how a trial runs, not its numbers: a
 * ddg trial on threads and the same trial as barrier tasks differ in id, not in seed). So the same
 * sweep file always gives the same ids, and adding a
 * defaulted parameter to a method keeps the ids of its existing trials (docs/adr/0010). A golden test
 * pins the ids of a fixed sweep file.
 *
 * @param id the trial id: 16 hex digits
 * @param seed the trial's seed, the root of its seed tree (never 0)
 */
public record TrialKey(String id, long seed) {

  /** The key of one trial. */
  public static TrialKey of(Method<?> method, String dataset, ModelSpec model, SortedMap<String, String> params,
      Budget budget, long sweepSeed, int repeat, Holdout validation) {
    return of(method, dataset, model, params, budget, sweepSeed, repeat, validation, null);
  }

  /** The key of one trial, a candidate of a search when {@code search} is not null. */
  public static TrialKey of(Method<?> method, String dataset, ModelSpec model, SortedMap<String, String> params,
      Budget budget, long sweepSeed, int repeat, Holdout validation, SearchPoint search) {
    SortedMap<String, String> keyed = new TreeMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      String neutral = method.params().get(e.getKey()).keyNeutral();
      if (!e.getValue().equals(neutral)) {
        keyed.put(e.getKey(), e.getValue());
      }
    }
    byte[] hash = sha256(text(method, dataset, model, keyed, budget, sweepSeed, repeat, validation, search));
    SortedMap<String, String> seeded = new TreeMap<>(keyed);
    seeded.keySet().removeAll(method.executionParams());
    byte[] seedHash = seeded.size() == keyed.size() ? hash
        : sha256(text(method, dataset, model, seeded, budget, sweepSeed, repeat, validation, search));
    long seed = ByteBuffer.wrap(seedHash, 8, 8).getLong() & Long.MAX_VALUE;
    return new TrialKey(HexFormat.of().formatHex(hash, 0, 8), seed == 0 ? 1 : seed);
  }

  private static String text(Method<?> method, String dataset, ModelSpec model, SortedMap<String, String> keyed,
      Budget budget, long sweepSeed, int repeat, Holdout validation, SearchPoint search) {
    return String.join("\n", method.name(), dataset, model.describe(), keyed.toString(),
        budget.describe(), Long.toString(sweepSeed), Integer.toString(repeat), "validation " + validation.describe())
        + (search == null ? "" : "\n" + search.describe());
  }

  /** The id of a search: from the method block's text (its tune, params, budget, model) and the sweep seed. */
  public static String searchId(String blockText, long sweepSeed) {
    return HexFormat.of().formatHex(sha256("search\n" + blockText + "\n" + sweepSeed), 0, 8);
  }

  /** The seed of a search's optimizer (never 0). */
  public static long searchSeed(String searchId) {
    long seed = ByteBuffer.wrap(sha256("search seed\n" + searchId), 0, 8).getLong() & Long.MAX_VALUE;
    return seed == 0 ? 1 : seed;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
