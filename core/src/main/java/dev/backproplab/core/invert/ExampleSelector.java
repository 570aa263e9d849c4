package dev.backproplab.core.invert;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which examples of a data set an input optimisation reads: {@code <split>:<index>} for one example
 * ({@code test:17}, counted from 0 in the split as the trial sees it, after the validation holdout),
 * or {@code <split>:class=<k>} for every example of class k in the split ({@code train:class=3}: on
 * espeak-speakers, the training clips of speaker 3, the "few seconds of the target voice" of voice
 * conversion). The split is {@code train}, {@code validation} or {@code test}.
 *
 * @param split train, validation or test
 * @param index the example's index in the split, or -1 for a whole class
 * @param label the class whose examples are taken, or -1 for one example
 */
public record ExampleSelector(String split, int index, int label) implements Serializable {
  /** The text form, as a method parameter's pattern. */
  public static final String PATTERN = "(train|validation|test):([0-9]{1,9}|class=[0-9]{1,9})";
  private static final Pattern FORM = Pattern.compile(PATTERN);

  /** Validates. */
  public ExampleSelector {
    if (!List.of("train", "validation", "test").contains(split) || (index < 0) == (label < 0)) {
      throw new IllegalArgumentException("Invalid example selector " + split + " " + index + " " + label
          + ": expected a split of train, validation or test and either an index or a class");
    }
  }

  /** Parses {@code text} (already matched against {@link #PATTERN} by the method's parameter). */
  public static ExampleSelector parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an example selector: expected split:index or "
          + "split:class=k, e.g. test:17 or train:class=3");
    }
    String what = m.group(2);
    return what.startsWith("class=")
        ? new ExampleSelector(m.group(1), -1, Integer.parseInt(what.substring(6)))
        : new ExampleSelector(m.group(1), Integer.parseInt(what), -1);
  }

  /**
   * The selected examples of {@code data}, each as {@code numFeatures} doubles.
   *
   * @param key the parameter's name, for messages
   * @throws InvalidInputException naming {@code key} and this selector when the index is past the split or
   *     the class has no example in it
   */
  public List<double[]> select(DataSplit data, String key) {
    Examples e = examples(data);
    int d = e.numFeatures();
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < e.size(); i++) {
      if (i == index || e.labels()[i] == label) {
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
          x[j] = e.features()[i * d + j];
        }
        out.add(x);
      }
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(key + " = " + this + ": " + data.name() + "'s " + split + " split has "
          + (index >= 0 ? e.size() + " examples (indices 0.." + (e.size() - 1) + ")"
              : "no example of class " + label + " (classes 0.." + (e.numClasses() - 1) + ")"));
    }
    return out;
  }

  /** The data set's label of the selected examples: the class selected, or the one example's label. */
  public int labelIn(DataSplit data) {
    return label >= 0 ? label : examples(data).labels()[index];
  }

  private Examples examples(DataSplit data) {
    return switch (split) {
      case "train" -> data.train();
      case "validation" -> data.validation();
      default -> data.test();
    };
  }

  @Override
  public String toString() {
    return split + ":" + (index >= 0 ? Integer.toString(index) : "class=" + label);
  }
}
