package dev.backproplab.jobs.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.invert.InputJobConfig;
import dev.backproplab.core.invert.Judges;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.SavedModel;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.store.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Checks, before anything runs, that every input-optimisation trial of a sweep can run: its saved
 * model loads (by trial id from the results folder, or by path), was trained on examples shaped as the
 * sweep's data, is the model the trial's block names (so the trial's row records the network it
 * read), and has the layers and examples the trial's parameters name; that a separate statistics model
 * ({@code stats_model}) loads, reads examples shaped as the data and has the statistics layers named; and
 * that its judges load and read examples shaped as the data. A problem stops the sweep with
 * a message naming the sweep file, the method and the key and value at fault, instead of becoming a
 * FAILED row in every task.
 */
final class InputJobChecks {
  private InputJobChecks() {}

  /**
   * Checks the input-optimisation trials among {@code trials}.
   *
   * @param root the results folder whose {@code models/} trial ids name
   * @param data the sweep's data, validation held out as the trials see it
   * @param where the sweep file's name, for messages
   * @throws InvalidInputException for the first trial that cannot run
   */
  static void check(List<TrialSpec> trials, String root, DataSplit data, Configuration conf, String where) {
    ModelStore store = new ModelStore(root);
    Map<String, SavedModel> loaded = new HashMap<>();
    for (TrialSpec t : trials) {
      if (!(t.config() instanceof InputJobConfig c)) {
        continue;
      }
      String at = where + ": method " + t.method() + ", model = " + c.model()
          + (c.separateStats() ? ", stats_model = " + c.statsModel() : "") + ": ";
      try {
        SavedModel saved = load(c.model(), loaded, store, conf);
        if (!saved.model().equals(t.model())) {
          throw new InvalidInputException("the saved model is " + saved.model().describe() + " but the block's model"
              + " is " + t.model().describe() + "; give the method block (or the sweep) the model the saved one"
              + " was trained as, so the trial's row records it");
        }
        Network net = saved.network();
        c.objective(saved, net, data);
        if (c.separateStats()) {
          SavedModel stats = load(c.statsModel(), loaded, store, conf);
          c.statsObjective(stats, stats.network(), data);
        }
        if (c.source() != null) {
          c.source().select(data, "source");
        }
        if (c.target() != null) {
          c.target().select(data, "target");
        }
      } catch (InvalidInputException e) {
        throw new InvalidInputException(at + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(at + "could not read the saved model", e);
      }
      for (Map.Entry<String, String> j : c.judges().entrySet()) {
        try {
          Judges.check(j.getKey(), load(j.getValue(), loaded, store, conf), data.train().sampleShape());
        } catch (InvalidInputException e) {
          throw new InvalidInputException(where + ": method " + t.method() + ", judges: " + j.getKey() + " = "
              + j.getValue() + ": " + e.getMessage(), e);
        } catch (IOException e) {
          throw new UncheckedIOException("could not read the judge " + j.getValue() + " for " + where, e);
        }
      }
    }
  }

  private static SavedModel load(String model, Map<String, SavedModel> loaded, ModelStore store, Configuration conf)
      throws IOException {
    SavedModel saved = loaded.get(model);
    if (saved == null) {
      saved = store.load(model, conf);
      loaded.put(model, saved);
    }
    return saved;
  }
}
