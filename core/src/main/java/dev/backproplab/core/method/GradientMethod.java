package dev.backproplab.core.method;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.credit.Quantizer;
import dev.backproplab.core.optim.UpdaterSpec;
import dev.backproplab.core.trial.CreditConfig;
import dev.backproplab.core.trial.GradientConfig;
import dev.backproplab.core.trial.ModelSpec;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A minibatch gradient method: an updater over the gradients a credit-assignment rule assigns. Its
 * subclasses are the rules (exact backprop and its variants); each adds its own parameters and makes
 * its rule. Every one takes the updater's parameters ({@link #UPDATER}) and the rule settings
 * {@code error_bits} and {@code diagnostics_every}.
 */
public abstract class GradientMethod extends Method<CreditConfig> {

  /** The updater, batch and precision parameters of every gradient-trained method. */
  public static final List<ParamDef> UPDATER =
      List.of(
          ParamDef.choice("optimizer", UpdaterSpec.Kind.SGD, UpdaterSpec.Kind.class, "gradient step rule"),
          ParamDef.realAbove("lr", 0.01, 0.0, Double.MAX_VALUE, "learning rate"),
          ParamDef.real("momentum", 0.9, 0.0, 0.999999, "momentum coefficient (momentum, nesterov)"),
          ParamDef.real("beta1", 0.9, 0.0, 0.999999, "Adam first-moment decay"),
          ParamDef.real("beta2", 0.999, 0.0, 0.999999, "Adam second-moment decay"),
          ParamDef.realAbove("epsilon", 1e-8, 0.0, 1.0, "Adam denominator offset"),
          ParamDef.integer("batch_size", 32, 1, 1 << 20, "examples per minibatch"),
          ParamDef.real("weight_decay", 0.0, 0.0, 1e6,
              "weight decay over every parameter: an L2 penalty, g + weight_decay p, for sgd, momentum and"
                  + " nesterov; decoupled for adam (AdamW: p <- p (1 - lr weight_decay) before the step)")
              .addedLater(),
          dtype("floating-point precision of parameters and activations"));

  private static final List<ParamDef> RULE_SETTINGS =
      List.of(
          ParamDef.integer("error_bits", 32, 1, 32,
              "bits of each error signal sent across a weight layer's learning channel (32: full"
                  + " precision); one scale per signal over the batch"),
          ParamDef.choice("rounding", Quantizer.Rounding.NEAREST, Quantizer.Rounding.class,
              "how error_bits rounds: to the nearest level, or stochastically (unbiased)").addedLater(),
          ParamDef.integer("diagnostics_every", 0, 0, Integer.MAX_VALUE,
              "steps between alignment diagnostics (0: off)"));

  /** A rule's feedback scale. */
  static final ParamDef FEEDBACK_SCALE =
      ParamDef.realAbove("feedback_scale", 1.0, 0.0, 1e6,
          "scale of random feedback relative to the standard deviation of the layer's initial weights");

  /** A direct-feedback rule's feedback scale. */
  static final ParamDef DIRECT_FEEDBACK_SCALE =
      ParamDef.realAbove("feedback_scale", 1.0, 0.0, 1e6,
          "scale of each direct feedback matrix relative to sqrt(2 / (width + classes)), the Glorot"
              + " scale of a layer from the hidden layer straight to the logits");

  /** Baldi et al.'s control: the delivered error without the activation derivative. */
  static final ParamDef DERIVATIVE =
      ParamDef.choice("derivative", "true", List.of("true", "false"),
          "multiply the delivered error by the activation derivative f' (false: Baldi et al.'s control)")
          .addedLater();

  /** An adaptive rule's feedback learning rate. */
  static final ParamDef FEEDBACK_LR =
      ParamDef.real("feedback_lr", 0.01, 0.0, 1e6,
          "learning rate of the adaptive feedback matrices (plain SGD, whatever the optimizer)");

  /**
   * @param own the rule's own parameters, after the updater's and the rule settings
   */
  protected GradientMethod(String name, String summary, ParamDef... own) {
    super(name, summary, concat(concat(UPDATER, RULE_SETTINGS), List.of(own)));
  }

  /** The {@code dtype} parameter: float32 (default) or float64. */
  static ParamDef dtype(String doc) {
    return ParamDef.choice("dtype", Precision.FLOAT32, Precision.class, doc);
  }

  /** The precision a resolved {@code dtype} names. */
  static DataType dataType(Params p) {
    return p.choice("dtype", Precision.class).type;
  }

  /** The names of {@code dtype}. */
  enum Precision {
    FLOAT32(DataType.FLOAT),
    FLOAT64(DataType.DOUBLE);

    final DataType type;

    Precision(DataType type) {
      this.type = type;
    }
  }

  /**
   * The updater, batch and precision of resolved parameters {@code p}; no weight decay for a method
   * that does not take {@code weight_decay}.
   */
  public static GradientConfig gradient(Params p) {
    double weightDecay = p.asStrings().containsKey("weight_decay") ? p.real("weight_decay") : 0.0;
    UpdaterSpec updater = new UpdaterSpec(p.choice("optimizer", UpdaterSpec.Kind.class), p.real("lr"),
        p.real("momentum"), p.real("beta1"), p.real("beta2"), p.real("epsilon"), weightDecay);
    return new GradientConfig(updater, p.integer("batch_size"), dataType(p));
  }

  /** The rule of resolved parameters {@code p}. */
  protected abstract CreditConfig.RuleFactory rule(Params p);

  /**
   * Every model, but a blackbox layer with {@code diagnostics_every}: the alignment probe's reference
   * pass would run the layer's estimator again (spending calls, drawing perturbations) rather than
   * exact backprop; the curves' blackbox_angle column measures the estimate against the truth instead.
   */
  @Override
  protected void checkModel(ModelSpec model, long numParams, CreditConfig config) {
    if (model.blackbox() != null && config.diagnosticsEvery() > 0) {
      throw new InvalidInputException("diagnostics_every = " + config.diagnosticsEvery() + " with a blackbox layer:"
          + " expected 0 (the alignment probe cannot run exact backprop through a blackbox; the curves' blackbox_angle"
          + " column records the angle between the estimated and the true J^T v)");
    }
  }

  @Override
  protected final CreditConfig configure(Params p) {
    boolean derivative = !params().containsKey("derivative") || p.flag("derivative");
    return new CreditConfig(name(), gradient(p), p.integer("error_bits"), p.choice("rounding", Quantizer.Rounding.class),
        derivative, p.integer("diagnostics_every"), rule(p));
  }
}
