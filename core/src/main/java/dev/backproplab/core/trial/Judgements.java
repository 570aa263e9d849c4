package dev.backproplab.core.trial;

import java.io.Serializable;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What classifiers said of a trial's inputs: an input-optimisation trial given judges (saved models)
 * records, for each judge and each input it wrote, the class the judge picks and the probability it
 * gives that class; with the labels of the examples the trial started from, the row answers "is the
 * converted clip the target's speaker, is it still the source's word" in SQL. Keys are the judge's
 * name for the optimised input ({@code speaker}) and the name, a dot and the output for the examples
 * as they were ({@code speaker.source}, {@code speaker.target}). Empty for every other trial; an input job
 * without judges records the labels alone.
 *
 * @param classes the class each judge picks, by key
 * @param probabilities the softmax probability of that class, by key
 * @param sourceLabel the data set's label of the source example, or null (no source)
 * @param targetLabel the data set's label of the target examples (their class), or null (no target)
 */
public record Judgements(SortedMap<String, Integer> classes, SortedMap<String, Double> probabilities,
    Integer sourceLabel, Integer targetLabel) implements Serializable {
  /** No judgement and no labels: the trials of every method but the input jobs. */
  public static final Judgements NONE = new Judgements(new TreeMap<>(), new TreeMap<>(), null, null);

  /** Copies; every class has its probability. */
  public Judgements {
    classes = new TreeMap<>(classes);
    probabilities = new TreeMap<>(probabilities);
    if (!classes.keySet().equals(probabilities.keySet())) {
      throw new IllegalArgumentException("judged classes " + classes.keySet() + " and probabilities "
          + probabilities.keySet() + " differ");
    }
  }

  @Override
  public SortedMap<String, Integer> classes() {
    return new TreeMap<>(classes);
  }

  @Override
  public SortedMap<String, Double> probabilities() {
    return new TreeMap<>(probabilities);
  }

  /** These judgements with {@code key}'s class and probability added. */
  public Judgements with(String key, int chosen, double probability) {
    SortedMap<String, Integer> c = new TreeMap<>(classes);
    SortedMap<String, Double> p = new TreeMap<>(probabilities);
    c.put(key, chosen);
    p.put(key, probability);
    return new Judgements(c, p, sourceLabel, targetLabel);
  }
}
