package dev.backproplab.core.trial;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.blackbox.BlackboxSpec;
import dev.backproplab.core.nn.Activation;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The network a trial trains. {@code mlp}: dense hidden layers of the given widths. {@code cnn}: the
 * convolutions of {@code conv} in order, each followed by {@code pool x pool} max-pooling with stride
 * {@code pool} when {@code pool > 1}, then a flatten (or, with {@code head: stats}, statistics pooling
 * over time), then the dense {@code hidden} layers (LeCun et
 * al. 1998's LeNet-5 is {@code conv: [{filters: 6, kernel: 5, padding: 2}, {filters: 16, kernel: 5}],
 * pool: 2, hidden: [120, 84]}). The hidden activation applies to every convolution and dense hidden
 * layer; the logits are linear. Input shape and class count come from the data set. A cnn with {@code
 * frontend: logmel} reads 1-d waveforms at 16 kHz through the log-mel front end of {@link
 * dev.backproplab.core.nn.LogMel#speech16k()} (25 ms frames every 10 ms, 40 mel bands), whose features
 * are a {@code 1 x frames x 40} image for the convolutions.
 *
 * @param type {@code mlp} or {@code cnn}
 * @param hidden dense hidden layer widths
 * @param activation hidden activation: relu, tanh or sigmoid
 * @param conv convolutions (cnn only; empty for mlp)
 * @param pool max-pooling window and stride after each convolution (cnn only; 0 or 1: none)
 * @param frontend {@code none}, or {@code logmel} (cnn only): the input is a waveform
 * @param head {@code flatten} (every feature of the last maps feeds the dense layers), or {@code stats}
 *     (cnn only): the mean and standard deviation over rows (time) of each channel and column, through
 *     {@link dev.backproplab.core.nn.StatsPoolLayer}, so the dense layers see a clip as a whole
 * @param blackbox a blackbox layer after one of the dense hidden layers, or null (none)
 */
public record ModelSpec(String type, List<Integer> hidden, String activation, List<ConvSpec> conv, int pool,
    String frontend, String head, BlackboxSpec blackbox) implements Serializable {

  /** Front ends this build has. */
  public static final List<String> FRONTENDS = List.of("none", "logmel");

  /** What joins a cnn's feature maps to its dense layers. */
  public static final List<String> HEADS = List.of("flatten", "stats");

  /** Model types this build can train. */
  public static final List<String> TYPES = List.of("mlp", "cnn");

  /**
   * One convolution: {@code filters} output channels, a square {@code kernel}, {@code stride} and
   * zero {@code padding} ({@code 0 <= padding < kernel}).
   */
  public record ConvSpec(int filters, int kernel, int stride, int padding) implements Serializable {
    public ConvSpec {
      check(filters >= 1, "filters", filters, ">= 1");
      check(kernel >= 1, "kernel", kernel, ">= 1");
      check(stride >= 1, "stride", stride, ">= 1");
      check(padding >= 0, "padding", padding, ">= 0");
      if (padding >= kernel) {
        throw new InvalidInputException("model conv padding = " + padding + " with kernel " + kernel
            + ": expected padding < kernel (a border of zeros as wide as the kernel adds outputs that see"
            + " only padding, and the error going back would need negative padding)");
      }
    }

    /** E.g. {@code c6k5s1p2}. */
    public String describe() {
      return "c" + filters + "k" + kernel + "s" + stride + "p" + padding;
    }
  }

  /** A multilayer perceptron. */
  public ModelSpec(String type, List<Integer> hidden, String activation) {
    this(type, hidden, activation, List.of(), 0);
  }

  /** A model without a front end or a blackbox layer. */
  public ModelSpec(String type, List<Integer> hidden, String activation, List<ConvSpec> conv, int pool) {
    this(type, hidden, activation, conv, pool, "none", "flatten", null);
  }

  public ModelSpec {
    Objects.requireNonNull(type, "type");
    if (!TYPES.contains(type)) {
      throw new InvalidInputException(
          "unknown model type '" + type + "': expected one of " + TYPES);
    }
    hidden = List.copyOf(hidden);
    conv = List.copyOf(conv);
    for (int h : hidden) {
      if (h < 1) {
        throw new InvalidInputException("hidden layer width must be >= 1, got " + h);
      }
    }
    Activation.parse(activation);
    if (type.equals("mlp") && (!conv.isEmpty() || pool != 0)) {
      throw new InvalidInputException("model type mlp takes no 'conv' or 'pool': use type cnn");
    }
    if (type.equals("cnn") && conv.isEmpty()) {
      throw new InvalidInputException(
          "model type cnn needs 'conv', a list of convolutions such as [{filters: 6, kernel: 5}]");
    }
    check(pool >= 0, "pool", pool, ">= 0");
    Objects.requireNonNull(frontend, "frontend");
    if (!FRONTENDS.contains(frontend)) {
      throw new InvalidInputException("unknown model frontend '" + frontend + "': expected one of " + FRONTENDS);
    }
    if (!frontend.equals("none") && !type.equals("cnn")) {
      throw new InvalidInputException("model frontend " + frontend + " feeds convolutions: use type cnn");
    }
    Objects.requireNonNull(head, "head");
    if (!HEADS.contains(head)) {
      throw new InvalidInputException("unknown model head '" + head + "': expected one of " + HEADS);
    }
    if (!head.equals("flatten") && !type.equals("cnn")) {
      throw new InvalidInputException("model head " + head + " pools convolutional features: use type cnn");
    }
    if (blackbox != null && blackbox.after() > hidden.size()) {
      throw new InvalidInputException("model blackbox.after = " + blackbox.after() + ": expected a dense hidden"
          + " layer from 1 to " + hidden.size() + " (hidden: " + hidden + ")");
    }
  }

  /** True when the feature maps reach the dense layers through statistics pooling over time. */
  public boolean statsHead() {
    return head.equals("stats");
  }

  /** True when the input goes through the log-mel front end. */
  public boolean logMel() {
    return frontend.equals("logmel");
  }

  private static void check(boolean ok, String key, int value, String expected) {
    if (!ok) {
      throw new InvalidInputException("model " + key + " = " + value + ": expected " + expected);
    }
  }

  /**
   * A compact description for logs, tables and trial ids, e.g. {@code mlp[64,32]/tanh}, {@code
   * cnn[c6k5s1p2,c16k5s1p0]p2[120,84]/relu} or {@code logmel+cnn[c8k3s1p1]p2+stats[]/relu} ({@code +stats}
   * only for the statistics head, so the flatten head's descriptions are those of earlier builds), with {@code +}
   * and the blackbox's description when there is one.
   */
  public String describe() {
    return blackbox == null ? describeLayers() : describeLayers() + "+" + blackbox.describe();
  }

  private String describeLayers() {
    String dense = hidden.toString().replace(" ", "");
    if (type.equals("cnn")) {
      return (logMel() ? "logmel+" : "") + type + conv.stream().map(ConvSpec::describe).toList().toString().replace(" ", "")
          + (pool > 1 ? "p" + pool : "") + (statsHead() ? "+stats" : "") + dense + "/" + activation;
    }
    return type + dense + "/" + activation;
  }
}
