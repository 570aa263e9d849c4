package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Statistics pooling over time (Snyder, Garcia-Romero, Sell, Povey &amp; Khudanpur, "X-vectors: Robust
 * DNN embeddings for speaker recognition", ICASSP 2018): the mean and standard deviation over the rows
 * (frames) of NCHW feature maps, one pair per channel and column (mel band), so that what sits where in
 * time no longer matters to the layers above. Replaces the flatten layer of a cnn with {@code head:
 * stats}. Output: the {@code C x W} means (channel-major) then the {@code C x W} standard deviations,
 * {@code sd = sqrt(var + eps)} with the biased variance; no parameters.
 *
 * <p>Backward: {@code dL/dx_t = g_mean / T + g_sd (x_t - mean) / (T sd)} for the {@code T} frames of each
 * channel and column.
 */
public final class StatsPoolLayer extends ParameterFreeLayer {
  /** Added to every variance: keeps the standard deviation and its derivative finite on flat features. */
  public static final double EPS = 1e-5;

  private final ImageShape in;

  /** Pools {@code in} feature maps over their height (time). */
  public StatsPoolLayer(ImageShape in) {
    this.in = in;
  }

  @Override
  public int inputSize() {
    return in.size();
  }

  @Override
  public int outputSize() {
    return 2 * in.channels() * in.width();
  }

  @Override
  public String describe() {
    return "statspool(" + in + "->" + outputSize() + ")";
  }

  @Override
  void forward(INDArray input, INDArray output, DataView outView, int batch) {
    int half = in.channels() * in.width();
    eachColumn(DataView.of(input), batch, (first, o, mean, sd) -> {
      outView.set(o, mean);
      outView.set(o + half, sd);
    });
  }

  @Override
  void propagate(INDArray input, INDArray delta, INDArray errorIn, int batch) {
    DataView x = DataView.of(input);
    DataView d = DataView.of(delta);
    DataView e = DataView.of(errorIn);
    int t = in.height();
    int w = in.width();
    int half = in.channels() * w;
    eachColumn(x, batch, (first, o, mean, sd) -> {
      double gMean = d.get(o) / t;
      double gSd = d.get(o + half) / (t * sd);
      for (int r = 0, i = first; r < t; r++, i += w) {
        e.set(i, gMean + gSd * (x.get(i) - mean));
      }
    });
  }

  /** What is done with one column (channel and mel band) of one example. */
  @FunctionalInterface
  private interface Column {
    /**
     * @param first the input index of the column's first frame (the others follow {@code width} apart)
     * @param out the output index of the column's mean (its standard deviation is {@code C x W} further)
     * @param mean the column's mean over frames
     * @param sd its standard deviation, {@code sqrt(var + EPS)}
     */
    void accept(int first, int out, double mean, double sd);
  }

  /** Visits every column of the {@code batch} examples of {@code x} with its mean and standard deviation. */
  private void eachColumn(DataView x, int batch, Column visit) {
    int t = in.height();
    int w = in.width();
    int half = in.channels() * w;
    for (int b = 0; b < batch; b++) {
      for (int c = 0; c < in.channels(); c++) {
        int base = b * in.size() + c * t * w;
        for (int col = 0; col < w; col++) {
          double mean = mean(x, base + col, t, w);
          visit.accept(base + col, b * 2 * half + c * w + col, mean, sd(x, base + col, t, w, mean));
        }
      }
    }
  }

  /** The mean of the {@code t} values from {@code start}, {@code stride} apart. */
  private static double mean(DataView x, int start, int t, int stride) {
    double sum = 0;
    for (int r = 0, i = start; r < t; r++, i += stride) {
      sum += x.get(i);
    }
    return sum / t;
  }

  /** {@code sqrt(var + EPS)} of the {@code t} values from {@code start}, {@code stride} apart, about {@code mean}. */
  private static double sd(DataView x, int start, int t, int stride, double mean) {
    double sum = 0;
    for (int r = 0, i = start; r < t; r++, i += stride) {
      double dev = x.get(i) - mean;
      sum += dev * dev;
    }
    return Math.sqrt(sum / t + EPS);
  }
}
