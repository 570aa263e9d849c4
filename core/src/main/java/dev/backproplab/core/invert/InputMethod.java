package dev.backproplab.core.invert;

import dev.backproplab.core.method.GradientMethod;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.method.ParamDef;
import dev.backproplab.core.method.Params;
import dev.backproplab.core.optim.UpdaterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The input-optimisation methods: a trained network, saved by a sweep with {@code save_models: true},
 * is frozen and its input optimised instead of its weights, one trial per task like every method.
 * {@code invert} matches one layer's activations of a source example from noise (Mahendran &amp;
 * Vedaldi 2015); {@code texture} matches the Gram matrices of convolution and pooling outputs of target
 * examples from noise (Gatys, Ecker &amp; Bethge 2015; on speech, babble in the target's voice);
 * {@code convert} keeps the deep activations of a source and matches the statistics of a target
 * (Chorowski, Weiss, Saurous &amp; Bengio, ICASSP 2018: voice conversion). The three differ only in
 * which parameters they take and their defaults; see {@link InputJobConfig}.
 */
public final class InputMethod extends Method<InputJobConfig> {
  private static final String SELECTOR = "split:index or split:class=k over train, validation, test (after the "
      + "validation holdout), e.g. test:17 or train:class=3";

  private final String kind;

  private InputMethod(String kind, String summary, List<ParamDef> own) {
    super(kind, summary, parameters(own));
    this.kind = kind;
  }

  /** Feature inversion. */
  public static InputMethod invert() {
    return new InputMethod("invert", "input optimisation: a frozen saved model's activations at one layer matched"
        + " from noise (feature inversion; Mahendran & Vedaldi 2015)",
        List.of(content(), source()));
  }

  /** Texture synthesis. */
  public static InputMethod texture() {
    return new InputMethod("texture", "input optimisation: Gram matrices of a frozen saved model's convolutions"
        + " matched from noise (texture synthesis; Gatys et al. 2015, speech babble: Chorowski et al. 2018)",
        List.of(stats(), target()));
  }

  /** Voice conversion. */
  public static InputMethod convert() {
    List<ParamDef> own = new ArrayList<>(List.of(content(), source(), stats(), statsModel(), target()));
    own.add(ParamDef.choice("start", "source", List.of("source", "noise"),
        "what the input starts from: the source example (plus noise) or noise alone"));
    return new InputMethod("convert", "input optimisation: a source's deep activations kept and a target's Gram "
        + "statistics matched on a frozen saved model (voice conversion; Chorowski et al. 2018)", own);
  }

  private static ParamDef content() {
    return ParamDef.integer("content_layer", 0, 0, 10_000,
        "the layer whose activations are matched, numbered from 1 (0: the last convolutional features)");
  }

  private static ParamDef source() {
    return ParamDef.text("source", "test:0", ExampleSelector.PATTERN, "the example whose activations are the content: "
        + SELECTOR);
  }

  private static ParamDef stats() {
    return ParamDef.text("stats_layers", "all", "all|[0-9]{1,4}(,[0-9]{1,4})*",
        "the convolution/pooling layers whose Gram matrices are matched, e.g. 6,7 (all: every one)");
  }

  private static ParamDef statsModel() {
    return ParamDef.text("stats_model", "", "|[^\\s]{1,1000}", "the saved model whose statistics are matched, by"
        + " trial id or path, e.g. a speaker classifier while model is a word classifier (empty: model itself); the"
        + " input's gradient is the sum of the two networks'").addedLater();
  }

  private static ParamDef target() {
    return ParamDef.text("target", "train:class=0", ExampleSelector.PATTERN,
        "the examples whose mean Gram matrices are the statistics: " + SELECTOR);
  }

  private static List<ParamDef> parameters(List<ParamDef> own) {
    List<ParamDef> p = new ArrayList<>();
    p.add(ParamDef.text("model", "", "[^\\s]{1,1000}",
        "the saved model: a trial id of this results folder (a sweep with save_models: true) or a .model path"));
    for (ParamDef d : own) {
      p.add(d);
      if (d.name().equals("content_layer")) {
        p.add(ParamDef.real("content_weight", 1.0, 0.0, 1e12, "weight of the content loss (mean squared error)"));
      } else if (d.name().equals("stats_layers")) {
        p.add(ParamDef.real("stats_weight", 1.0, 0.0, 1e12, "weight of the statistics loss (sum of squared Gram "
            + "differences)"));
        p.add(ParamDef.choice("stats_over", "positions", List.of("positions", "time"), "what the Gram matrices average"
            + " over: every position of a feature map (images), or time frames alone with each channel at each"
            + " frequency a feature of its own (speech)").addedLater());
      }
    }
    p.add(ParamDef.text("judges", "", Judges.PATTERN, "saved classifiers that judge the result, source and target"
        + " when the trial ends, as name=model pairs, e.g. word=b993365da25c15b1,speaker=models/s.model (empty:"
        + " none); their verdicts are the row's judge_class and judge_probability").addedLater());
    p.add(ParamDef.integer("steps", 1000, 1, 10_000_000, "optimisation steps on the input"));
    p.add(ParamDef.real("noise", 1e-3, 0.0, 10.0, "standard deviation of the starting noise"));
    p.add(ParamDef.choice("optimizer", UpdaterSpec.Kind.ADAM, UpdaterSpec.Kind.class, "step rule on the input"));
    p.add(ParamDef.realAbove("lr", 0.002, 0.0, Double.MAX_VALUE, "learning rate of the input"));
    p.add(ParamDef.choice("lr_schedule", "constant", List.of("constant", "cosine"),
        "the learning rate over the steps: constant, or from lr to 0 along a half cosine"));
    Set<String> shared = Set.of("momentum", "beta1", "beta2", "epsilon");
    for (ParamDef d : GradientMethod.UPDATER) {
      if (shared.contains(d.name())) {
        p.add(d);
      }
    }
    return p;
  }

  @Override
  protected InputJobConfig configure(Params p) {
    boolean content = params().containsKey("content_layer");
    boolean stats = params().containsKey("stats_layers");
    String layers = stats ? p.text("stats_layers") : "all";
    List<Integer> statsLayers = layers.equals("all") ? List.of()
        : Arrays.stream(layers.split(",")).map(Integer::valueOf).toList();
    UpdaterSpec updater = new UpdaterSpec(p.choice("optimizer", UpdaterSpec.Kind.class), p.real("lr"),
        p.real("momentum"), p.real("beta1"), p.real("beta2"), p.real("epsilon"));
    return new InputJobConfig(kind, p.text("model"),
        params().containsKey("stats_model") ? p.text("stats_model") : "", content ? p.integer("content_layer") : 0,
        content ? p.real("content_weight") : 0.0, statsLayers, stats ? p.real("stats_weight") : 0.0,
        stats && p.text("stats_over").equals("time"),
        content ? ExampleSelector.parse(p.text("source")) : null,
        stats ? ExampleSelector.parse(p.text("target")) : null,
        params().containsKey("start") && p.text("start").equals("source"), p.real("noise"), p.integer("steps"),
        updater, p.text("lr_schedule").equals("cosine"), Judges.parse(p.text("judges")));
  }
}
