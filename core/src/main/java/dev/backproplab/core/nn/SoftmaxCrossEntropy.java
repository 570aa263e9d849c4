package dev.backproplab.core.nn;

/**
 * Softmax followed by the cross-entropy with integer class labels, averaged over the batch, computed
 * row by row with the max subtracted for stability.
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /**
   * Returns the batch-mean loss of {@code logits} ({@code [batch, classes]}, row-major) and, when
   * {@code delta} is not null, writes its gradient with respect to the logits:
   * {@code (softmax(z) - onehot(y)) / batch}.
   */
  static double lossAndDelta(DataView logits, int[] labels, int batch, int classes, DataView delta) {
    double total = 0.0;
    for (int r = 0; r < batch; r++) {
      int base = r * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits.get(base + c));
      }
      double sum = 0.0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits.get(base + c) - max);
      }
      double logSum = Math.log(sum) + max;
      total += logSum - logits.get(base + labels[r]);
      if (delta != null) {
        for (int c = 0; c < classes; c++) {
          double p = Math.exp(logits.get(base + c) - logSum);
          delta.set(base + c, (p - (c == labels[r] ? 1.0 : 0.0)) / batch);
        }
      }
    }
    return total / batch;
  }

  /** Counts the rows whose largest logit is at the label (ties go to the lowest index). */
  static int correct(DataView logits, int[] labels, int batch, int classes) {
    int correct = 0;
    for (int r = 0; r < batch; r++) {
      if (argmax(logits, r * classes, classes) == labels[r]) {
        correct++;
      }
    }
    return correct;
  }

  /** The class of the largest of the {@code classes} logits from {@code base} (ties go to the lowest index). */
  public static int argmax(DataView logits, int base, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (logits.get(base + c) > logits.get(base + best)) {
        best = c;
      }
    }
    return best;
  }

  /** The softmax probability of the largest of the {@code classes} logits from {@code base}. */
  public static double topProbability(DataView logits, int base, int classes) {
    double top = logits.get(base + argmax(logits, base, classes));
    double sum = 0.0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(logits.get(base + c) - top);
    }
    return 1.0 / sum;
  }
}
