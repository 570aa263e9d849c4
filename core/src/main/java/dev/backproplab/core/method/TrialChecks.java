package dev.backproplab.core.method;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.trial.MethodConfig;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.TrialSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, before anything runs, that every trial of a sweep can run: for each distinct (model,
 * method configuration) pair the network's layers are built for the data's shape (convolutions that
 * do not fit the images fail here; parameters are not allocated, so a model larger than this machine
 * is checked all the same) and the method checks the model against itself (a derivative-free method handed a
 * CNN, a full-covariance search over too many weights). A trial that would fail for its configuration
 * stops the sweep with a message naming the method block's model and method, instead of becoming a
 * FAILED row in every task.
 */
public final class TrialChecks {
  private TrialChecks() {}

  private record Pair(String method, ModelSpec model, MethodConfig config) {}

  /**
   * Checks {@code trials} against data shaped as {@code train}.
   *
   * @param where the sweep file's name, for messages
   * @throws InvalidInputException for the first pair that cannot run
   */
  public static void check(List<TrialSpec> trials, Examples train, MethodCatalogue methods, String where) {
    Set<Pair> pairs = new LinkedHashSet<>();
    for (TrialSpec t : trials) {
      pairs.add(new Pair(t.method(), t.model(), t.config()));
    }
    for (Pair p : pairs) {
      try {
        long numParams = 0;
        for (Layer layer : Networks.layers(p.model(), train)) {
          numParams += layer.numParams();
        }
        methods.get(p.method()).check(p.model(), numParams, p.config());
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + ": method " + p.method() + " on model " + p.model().describe()
            + ": " + e.getMessage(), e);
      }
    }
  }
}
