package dev.backproplab.jobs.dataparallel;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.method.GradientMethod;
import dev.backproplab.core.method.Method;
import dev.backproplab.core.method.ParamDef;
import dev.backproplab.core.method.Params;
import dev.backproplab.core.method.Placement;
import dev.backproplab.core.trial.ModelSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Method {@code bp-dataparallel}: one trial trained across the cluster by DL4J Spark's parameter
 * averaging ({@link DataParallelTrainer}), from the driver. MLPs only; DL4J has no classical-momentum
 * updater, so the optimizer is sgd, nesterov or adam; it takes no {@code weight_decay} (DL4J's own
 * regularization is not mirrored).
 */
public final class DataParallelMethod extends Method<DataParallelConfig> {
  static final String NAME = "bp-dataparallel";

  public DataParallelMethod() {
    super(NAME, "backprop by DL4J Spark parameter averaging across the cluster (Zinkevich et al. 2010)",
        parameters());
  }

  private static List<ParamDef> parameters() {
    List<ParamDef> p = new ArrayList<>();
    for (ParamDef d : GradientMethod.UPDATER) {
      if (d.name().equals("weight_decay")) {
        continue;
      }
      p.add(d.name().equals("optimizer") ? d.withChoices(List.of("sgd", "nesterov", "adam")) : d);
    }
    p.add(ParamDef.integer("averaging_frequency", 5, 1, 1_000_000,
        "minibatches each worker fits between parameter averagings"));
    return p;
  }

  @Override
  public Set<Placement> placements() {
    return EnumSet.of(Placement.CLUSTER);
  }

  @Override
  protected DataParallelConfig configure(Params p) {
    return new DataParallelConfig(GradientMethod.gradient(p), p.integer("averaging_frequency"));
  }

  @Override
  protected void checkModel(ModelSpec model, long numParams, DataParallelConfig config) {
    if (!model.type().equals("mlp")) {
      throw new InvalidInputException("method " + NAME + " trains MLPs (model type mlp), not " + model.type()
          + ": give the method block its own model: {type: mlp, ...}");
    }
    if (model.blackbox() != null) {
      throw new InvalidInputException("method " + NAME + " trains DL4J's own layers, which have no blackbox layer:"
          + " train a model with 'blackbox' with a credit rule (bp, fa, ...), or give this block a model without it");
    }
  }
}
