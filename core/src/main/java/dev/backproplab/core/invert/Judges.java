package dev.backproplab.core.invert;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.InputPass;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.SoftmaxCrossEntropy;
import dev.backproplab.core.trial.Judgements;
import dev.backproplab.core.trial.SavedModel;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Saved classifiers judging an input job's inputs: the objective check of Chorowski et al. (ICASSP 2018)
 * made a row. Each judge, a saved model trained on examples shaped like the job's, classifies the
 * optimised input ({@code result}) and the examples it started from ({@code source}, the first {@code
 * target}); its pick and the softmax probability of the pick go into the trial's {@link Judgements} as
 * {@code <name>}, {@code <name>.source} and {@code <name>.target}.
 */
public final class Judges {
  /** The parameter's text form: empty, or comma-separated {@code name=model} pairs. */
  public static final String PATTERN = "|[a-z][a-z0-9_]{0,31}=[^\\s,=]{1,1000}(,[a-z][a-z0-9_]{0,31}=[^\\s,=]{1,1000})*";

  private Judges() {}

  /**
   * The judges of {@code text} (matched against {@link #PATTERN} by the parameter), by name.
   *
   * @throws InvalidInputException when a name is given twice
   */
  public static SortedMap<String, String> parse(String text) {
    SortedMap<String, String> out = new TreeMap<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (out.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
        throw new InvalidInputException("judges = " + text + ": the judge " + pair.substring(0, eq)
            + " is named twice; give each judge one name");
      }
    }
    return out;
  }

  /**
   * Checks that {@code judge}, loaded for the judge {@code name}, reads examples shaped {@code sampleShape}.
   *
   * @throws InvalidInputException naming the judge and both shapes when they differ
   */
  public static void check(String name, SavedModel judge, int[] sampleShape) {
    if (!Arrays.equals(judge.sampleShape(), sampleShape)) {
      throw new InvalidInputException("the judge " + name + " (trial " + judge.trialId() + ") reads examples shaped "
          + Arrays.toString(judge.sampleShape()) + ", but the job's are shaped " + Arrays.toString(sampleShape)
          + "; a judge must be trained on examples like the ones it judges");
    }
  }

  /**
   * The verdicts of every judge of {@code judges} on {@code inputs} ({@code ""}: the result, {@code
   * "source"}, {@code "target"}; a null input is skipped), with the examples' labels.
   */
  static Judgements judge(Map<String, String> judges, InputTrainer.Models models, int[] sampleShape,
      Map<String, double[]> inputs, Integer sourceLabel, Integer targetLabel) throws IOException {
    Judgements out = new Judgements(new TreeMap<>(), new TreeMap<>(), sourceLabel, targetLabel);
    for (Map.Entry<String, String> j : judges.entrySet()) {
      SavedModel saved = models.load(j.getValue());
      check(j.getKey(), saved, sampleShape);
      Network net = saved.network();
      InputPass pass = net.inputPass(1);
      for (Map.Entry<String, double[]> in : inputs.entrySet()) {
        if (in.getValue() == null) {
          continue;
        }
        DataView x = DataView.of(pass.input());
        for (int i = 0; i < in.getValue().length; i++) {
          x.set(i, in.getValue()[i]);
        }
        pass.forward(net.depth());
        DataView logits = DataView.of(pass.activations(net.depth()));
        String key = in.getKey().isEmpty() ? j.getKey() : j.getKey() + "." + in.getKey();
        out = out.with(key, SoftmaxCrossEntropy.argmax(logits, 0, logits.length()),
            SoftmaxCrossEntropy.topProbability(logits, 0, logits.length()));
      }
    }
    return out;
  }

  /** The inputs a job's judges read, in order: the result, then the source and target (null when absent). */
  static Map<String, double[]> inputs(double[] result, double[] source, double[] target) {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("", result);
    m.put("source", source);
    m.put("target", target);
    return m;
  }
}
