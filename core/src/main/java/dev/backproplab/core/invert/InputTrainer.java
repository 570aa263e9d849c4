package dev.backproplab.core.invert;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.InputPass;
import dev.backproplab.core.nn.LogLayer;
import dev.backproplab.core.nn.LogMel;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.SavedModel;
import dev.backproplab.core.trial.Seeds;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialProgress;
import dev.backproplab.core.trial.TrialSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs one input-optimisation trial: loads the saved model (and the statistics' own model when the
 * configuration names one: {@link InputJobConfig#statsModel}), takes its targets from the trial's data
 * set, starts from noise drawn on the trial's {@link Seeds.Stream#INIT} stream (the input is what this
 * trial initialises), and steps the input with {@link InputOptimization}, reporting the loss of every
 * step as a curve point (its {@code train_loss}); the trial's final train loss is the last step's.
 * Then it hands its outputs to {@link Outputs}: {@code result}, {@code source} (the content example)
 * and {@code target} (the first statistics example) as WAV files and log-mel spectrogram PNGs for a
 * model with the log-mel front end, as PNG images otherwise; and records the {@link Judges}' verdicts
 * on the same three with the source's and target's labels. One trial, one thread.
 */
public final class InputTrainer implements Trainer {
  private static final int SAMPLE_RATE = LogMel.speech16k().sampleRate();

  /** Loads a saved model by trial id or path. */
  @FunctionalInterface
  public interface Models {
    /** The model {@code trialIdOrPath} names. */
    SavedModel load(String trialIdOrPath) throws IOException;
  }

  /** Keeps one output file of the trial, so that it is never seen half-written. */
  @FunctionalInterface
  public interface Outputs {
    /** Writes {@code bytes} as the trial's output {@code name}, replacing an earlier attempt's. */
    void write(String name, byte[] bytes) throws IOException;
  }

  private final InputJobConfig config;
  private final Models models;
  private final Outputs outputs;

  InputTrainer(InputJobConfig config, Models models, Outputs outputs) {
    this.config = config;
    this.models = models;
    this.outputs = outputs;
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    try {
      SavedModel saved = models.load(config.model());
      Network net = saved.network();
      InputObjective objective = config.objective(saved, net, data);
      boolean stats = config.statsWeight() > 0;
      List<double[]> statistics = stats ? config.target().select(data, "target") : null;
      boolean content = config.contentWeight() > 0;
      double[] source = content || config.fromSource() ? config.source().select(data, "source").get(0) : null;
      SplittableRandom rng = spec.seeds().random(Seeds.Stream.INIT);
      double[] start = new double[net.inputs()];
      for (int i = 0; i < start.length; i++) {
        start[i] = (config.fromSource() ? source[i] : 0) + config.noise() * rng.nextGaussian();
      }
      List<InputOptimization.Term> terms = new ArrayList<>();
      terms.add(new InputOptimization.Term(net, objective, source, statistics != null ? statistics : List.of()));
      if (config.separateStats()) {
        SavedModel statsSaved = models.load(config.statsModel());
        Network statsNet = statsSaved.network();
        terms.add(new InputOptimization.Term(statsNet, config.statsObjective(statsSaved, statsNet, data), null,
            statistics));
      }
      InputOptimization opt = new InputOptimization(terms, start, config.updater());
      for (int s = 0; s < config.steps() && !progress.exhausted(); s++) {
        double loss = opt.step(config.cosine() ? 0.5 * (1 + Math.cos(Math.PI * s / config.steps())) : 1.0);
        if (!Double.isFinite(loss)) {
          throw TrialProgress.diverged("the input's loss became " + loss + " at step " + s);
        }
        progress.step(1, 1);
        progress.record(loss);
      }
      double[] result = opt.input();
      write("result", result, saved, net);
      if (source != null) {
        write("source", source, saved, net);
      }
      if (statistics != null) {
        write("target", statistics.get(0), saved, net);
      }
      progress.judged(Judges.judge(config.judges(), models, saved.sampleShape(),
          Judges.inputs(result, source, statistics != null ? statistics.get(0) : null),
          config.source() != null ? config.source().labelIn(data) : null,
          config.target() != null ? config.target().labelIn(data) : null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String name, double[] x, SavedModel saved, Network net) throws IOException {
    if (saved.model().logMel()) {
      outputs.write(name + ".wav", Renderings.wav(x, SAMPLE_RATE));
      LogMel frontEnd = LogMel.speech16k();
      int frontEndLayers = 1;
      while (!(net.layer(frontEndLayers - 1) instanceof LogLayer)) {
        frontEndLayers++;
      }
      InputPass pass = net.inputPass(1);
      DataView.of(pass.input()).copyFrom(x, 0, 0, x.length);
      pass.forward(frontEndLayers);
      double[] logMel = DataView.of(pass.activations(frontEndLayers)).toArray();
      outputs.write(name + ".png", Renderings.png(logMel, frontEnd.frames(x.length), frontEnd.melBands(), 4, true));
    } else {
      int[] shape = saved.sampleShape();
      int cols = shape[shape.length - 1];
      outputs.write(name + ".png", Renderings.png(x, x.length / cols, cols, 8, false));
    }
  }
}
