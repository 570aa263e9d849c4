package dev.backproplab.core.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.method.ParamDef;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.SearchPoint;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.tune.Dimension;
import dev.backproplab.core.tune.TuneSpec;
import dev.backproplab.core.tune.Tuner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A method block with a {@code tune:}: its search, and how a configuration the search proposes becomes
 * a trial. A space dimension names a parameter of the method or {@code hidden}, the model's hidden
 * widths (an integer dimension gives every hidden layer that width; a choice lists whole width lists).
 *
 * @param sweep the sweep
 * @param blockIndex the block's index in {@code methods}
 * @param method the block's method
 * @param searchId the search's id ({@link TrialKey#searchId})
 * @param at the block's location for messages, e.g. {@code f.yaml: methods[1] (fa)}
 */
public record SearchBlock(SweepSpec sweep, int blockIndex, Method<?> method, String searchId, String at) {
  /** The space key that searches the model's hidden widths. */
  public static final String HIDDEN = "hidden";

  /** The block. */
  public MethodBlock block() {
    return sweep.methods().get(blockIndex);
  }

  /** The block's search. */
  public TuneSpec tune() {
    return block().tune();
  }

  /** The seed of the search's optimizer. */
  public long seed() {
    return TrialKey.searchSeed(searchId);
  }

  /** The trial of {@code candidate}: the block's fixed parameters with the candidate's values. */
  public TrialSpec trial(Tuner.Candidate candidate) {
    Map<String, Object> given = new LinkedHashMap<>(block().params());
    ModelSpec model = block().model() != null ? block().model() : sweep.model();
    for (Map.Entry<String, Object> e : candidate.values().entrySet()) {
      if (e.getKey().equals(HIDDEN)) {
        model = withHidden(model, e.getValue());
      } else {
        given.put(e.getKey(), e.getValue());
      }
    }
    Method.Resolved resolved = method.resolve(given, at + ".tune.space");
    Budget budget = block().budget() != null ? block().budget() : sweep.budget();
    SearchPoint point = new SearchPoint(searchId, candidate.generation(), candidate.index());
    TrialKey key = TrialKey.of(method, sweep.dataset(), model, resolved.params(), budget, sweep.seed(), 0,
        sweep.validation(), point);
    return new TrialSpec(sweep.name(), key.id(), sweep.dataset(), model, resolved.params(), resolved.config(),
        budget, key.seed(), sweep.validation(), point);
  }

  /**
   * Trials at the ends of every dimension (each dimension at its low and high end, or at each choice,
   * the others at the middle), for checking the space against the method and model before the search.
   *
   * @throws InvalidInputException naming the block, the key and the value that does not fit
   */
  public List<TrialSpec> probes() {
    List<Dimension> dims = tune().space().dimensions();
    for (Dimension d : dims) {
      check(d);
    }
    List<TrialSpec> out = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      for (Object v : dims.get(i).extremes()) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int j = 0; j < dims.size(); j++) {
          values.put(dims.get(j).name(), j == i ? v : dims.get(j).decode(0.5));
        }
        out.add(trial(new Tuner.Candidate(0, out.size(), values)));
      }
    }
    return out;
  }

  private void check(Dimension d) {
    String where = at + ".tune.space." + d.name();
    if (d.name().equals(HIDDEN)) {
      if (d.kind() == Dimension.Kind.UNIFORM || d.kind() == Dimension.Kind.LOGUNIFORM) {
        throw new InvalidInputException(where + ": hidden widths are integers: use {int: [16, 512], log: true}"
            + " (every hidden layer that wide) or {choice: [[128], [256, 256]]}");
      }
      return;
    }
    ParamDef def = method.param(d.name(), at + ".tune.space");
    if (def.kind() == ParamDef.Kind.INT && (d.kind() == Dimension.Kind.UNIFORM || d.kind() == Dimension.Kind.LOGUNIFORM)) {
      throw new InvalidInputException(where + ": " + d.name() + " is an integer: use {int: [low, high]}"
          + " (log: true for a log scale) or choice");
    }
    if (def.kind() == ParamDef.Kind.CHOICE && d.kind() != Dimension.Kind.CHOICE) {
      throw new InvalidInputException(where + ": " + d.name() + " takes one of " + def.choices()
          + ": use {choice: [...]}");
    }
    if (def.kind() == ParamDef.Kind.INT_LIST && d.kind() != Dimension.Kind.CHOICE) {
      throw new InvalidInputException(where + ": " + d.name() + " takes " + def.range() + ": use {choice: [...]}");
    }
  }

  private ModelSpec withHidden(ModelSpec model, Object value) {
    List<Integer> widths = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object w : list) {
        if (!(w instanceof Long l) || l < 1 || l > Integer.MAX_VALUE) {
          throw new InvalidInputException(at + ".tune.space.hidden: expected lists of positive integer widths,"
              + " got " + value);
        }
        widths.add((int) (long) l);
      }
    } else if (value instanceof Long w && w >= 1 && w <= Integer.MAX_VALUE) {
      if (model.hidden().isEmpty()) {
        throw new InvalidInputException(at + ".tune.space.hidden: the model has no hidden layer to widen: give"
            + " the model hidden layers or search {choice: [[64], [128, 128]]}");
      }
      for (int i = 0; i < model.hidden().size(); i++) {
        widths.add((int) (long) w);
      }
    } else {
      throw new InvalidInputException(at + ".tune.space.hidden: expected a width or a list of widths, got "
          + value);
    }
    return new ModelSpec(model.type(), widths, model.activation(), model.conv(), model.pool(), model.frontend(),
        model.head(), null);
  }
}
