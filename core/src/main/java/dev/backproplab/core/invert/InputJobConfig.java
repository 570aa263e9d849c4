package dev.backproplab.core.invert;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.Conv2dLayer;
import dev.backproplab.core.nn.FlattenLayer;
import dev.backproplab.core.nn.StatsPoolLayer;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.nn.MaxPool2dLayer;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.optim.UpdaterSpec;
import dev.backproplab.core.trial.MethodConfig;
import dev.backproplab.core.trial.SavedModel;
import dev.backproplab.core.trial.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One input-optimisation trial ({@link InputMethod}): which saved model, which layers and weights make
 * the loss, from which examples its targets come, and how the input moves. Layers are numbered as the
 * model builds them, from 1 (the output of the first layer; 0 would be the input itself).
 *
 * @param method invert, texture or convert
 * @param model the saved model: a trial id of the results folder or a path to a {@code .model} file
 * @param statsModel the saved model whose statistics are matched (a trial id or path; blank: {@code model},
 *     which then makes the whole loss). When it is another model, the content term is on {@code model}, the
 *     statistics terms on this one, and the input's gradient is the sum of the two networks' (voice
 *     conversion with a word network's content and a speaker network's statistics)
 * @param contentLayer the layer whose activations are matched (0: the model's last convolutional
 *     features, the input of its flatten layer); unused when {@code contentWeight} is 0
 * @param contentWeight the weight of the content term, &gt;= 0
 * @param statsLayers the convolution and pooling layers whose Gram matrices are matched (empty: all of them)
 * @param statsWeight the weight of the statistics terms, &gt;= 0
 * @param statsOverTime whether the Gram matrices average over time frames, each channel at each frequency a
 *     feature (speech), instead of over every position of a feature map (images); see {@link InputObjective}
 * @param source the example whose activations are the content target (and the start, when {@code
 *     fromSource})
 * @param target the examples whose mean Gram matrices are the statistics targets
 * @param fromSource whether the input starts from the source (plus noise) instead of from noise alone
 * @param noise the standard deviation of the starting noise, &gt;= 0
 * @param steps optimisation steps, &gt;= 1
 * @param updater the step rule on the input
 * @param cosine whether the learning rate falls from {@code lr} to 0 along a half cosine over the steps
 *     (Loshchilov &amp; Hutter 2017, without restarts) instead of staying constant
 * @param judges saved classifiers (trial ids or paths) by name, which judge the trial's result, source and
 *     target when it ends (empty: none); see {@link Judges}
 */
public record InputJobConfig(String method, String model, String statsModel, int contentLayer, double contentWeight,
    List<Integer> statsLayers, double statsWeight, boolean statsOverTime, ExampleSelector source, ExampleSelector target,
    boolean fromSource, double noise, int steps, UpdaterSpec updater, boolean cosine,
    SortedMap<String, String> judges) implements MethodConfig {

  /** Validates and copies. */
  public InputJobConfig {
    statsLayers = List.copyOf(statsLayers);
    judges = Collections.unmodifiableSortedMap(new TreeMap<>(judges));
    if (model.isBlank()) {
      throw new InvalidInputException("model is required: the trial id of a run with save_models: true, or the"
          + " path of a .model file");
    }
    statsModel = statsModel.isBlank() ? model : statsModel;
    if (!statsModel.equals(model) && !(contentWeight > 0 && statsWeight > 0)) {
      throw new InvalidInputException("stats_model = " + statsModel + " is another model than model = " + model
          + ", but only one of content_weight and stats_weight is above 0: the other model would take no part in"
          + " the loss; give the one that does as model");
    }
    if (!(contentWeight > 0) && !(statsWeight > 0)) {
      throw new InvalidInputException("content_weight and stats_weight are both 0: the loss would be empty");
    }
    if (contentLayer < 0 || steps < 1 || !(noise >= 0)) {
      throw new IllegalArgumentException("Invalid input job: content layer " + contentLayer + ", steps " + steps
          + ", noise " + noise);
    }
  }

  /** The input's network is the saved model's, in its own precision; double bounds the memory it needs. */
  @Override
  public DataType dataType() {
    return DataType.DOUBLE;
  }

  /**
   * Input jobs read a saved model, which only the job that runs them can load: it makes the trainer
   * with {@link #trainer(InputTrainer.Models, InputTrainer.Outputs)}.
   */
  @Override
  public Trainer trainer() {
    throw new UnsupportedOperationException("method " + method + " runs in a sweep, which loads its saved model");
  }

  /** The trainer of this configuration, loading the model from {@code models} and writing to {@code outputs}. */
  public Trainer trainer(InputTrainer.Models models, InputTrainer.Outputs outputs) {
    return new InputTrainer(this, models, outputs);
  }

  /** Whether the statistics come from another network than the content ({@link #statsModel} is not the model). */
  public boolean separateStats() {
    return !statsModel.equals(model);
  }

  /**
   * The loss on {@code net}, the network of {@link #model}, checked against it and against {@code data}: the
   * content term, and the statistics terms unless they come from {@link #statsModel} ({@link
   * #statsObjective}).
   *
   * @throws InvalidInputException naming the parameter and value when a layer is out of range or not a
   *     convolution or pooling, or the model's inputs are not the data's examples
   */
  public InputObjective objective(SavedModel saved, Network net, DataSplit data) {
    checkShape("model = " + model, saved, data);
    int content = 0;
    if (contentWeight > 0) {
      content = contentLayer > 0 ? contentLayer : lastFeatures(net);
      if (content > net.depth()) {
        throw new InvalidInputException("content_layer = " + contentLayer + " is past the model's " + net.depth()
            + " layers: " + layers(net));
      }
    }
    return separateStats() ? new InputObjective(content, contentWeight, List.of(), 0.0, false)
        : new InputObjective(content, contentWeight, statsLevels(net, "model"), statsWeight, statsOverTime);
  }

  /**
   * The statistics terms on {@code net}, the network of a separate {@link #statsModel}, checked against it
   * and against {@code data}.
   *
   * @throws InvalidInputException naming stats_model or stats_layers and the value at fault
   */
  public InputObjective statsObjective(SavedModel saved, Network net, DataSplit data) {
    if (!separateStats()) {
      throw new IllegalStateException("the statistics come from model = " + model + " itself");
    }
    checkShape("stats_model = " + statsModel, saved, data);
    return new InputObjective(0, 0.0, statsLevels(net, "stats_model"), statsWeight, statsOverTime);
  }

  private static void checkShape(String what, SavedModel saved, DataSplit data) {
    if (!Arrays.equals(saved.sampleShape(), data.train().sampleShape())) {
      throw new InvalidInputException(what + ": it reads examples shaped " + Arrays.toString(saved.sampleShape())
          + ", but " + data.name() + "'s are shaped " + Arrays.toString(data.train().sampleShape())
          + "; give the data set the model was trained on");
    }
  }

  /** The levels of the statistics terms on {@code net}, the network of the parameter {@code key}. */
  private List<Integer> statsLevels(Network net, String key) {
    List<Integer> stats = new ArrayList<>();
    if (!(statsWeight > 0)) {
      return stats;
    }
    for (int l = 1; l <= net.depth(); l++) {
      if (statsLayers.isEmpty() && isFeatureMap(net.layer(l - 1))) {
        stats.add(l);
      }
    }
    for (int l : statsLayers) {
      if (l < 1 || l > net.depth() || !isFeatureMap(net.layer(l - 1))) {
        throw new InvalidInputException("stats_layers has " + l + ", which is not a convolution or pooling layer"
            + " of the " + key + ": " + layers(net));
      }
      stats.add(l);
    }
    if (stats.isEmpty()) {
      throw new InvalidInputException("stats_weight > 0 but the " + key + " has no convolution or pooling layer"
          + " whose statistics could be matched: " + layers(net));
    }
    return stats;
  }

  private static boolean isFeatureMap(Layer layer) {
    return layer instanceof Conv2dLayer || layer instanceof MaxPool2dLayer;
  }

  /** The layer before the flatten or statistics-pooling layer: the last convolutional features. */
  private static int lastFeatures(Network net) {
    for (int l = 0; l < net.depth(); l++) {
      if ((net.layer(l) instanceof FlattenLayer || net.layer(l) instanceof StatsPoolLayer) && l > 0) {
        return l;
      }
    }
    throw new InvalidInputException("content_layer = 0 means the last convolutional features, but the model has "
        + "no convolutions: give a layer number, one of " + layers(net));
  }

  /** The model's layers, numbered as parameters name them. */
  static String layers(Network net) {
    List<String> out = new ArrayList<>();
    for (int l = 0; l < net.depth(); l++) {
      out.add((l + 1) + " " + net.layer(l).describe());
    }
    return String.join(", ", out);
  }
}
