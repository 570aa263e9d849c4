package dev.backproplab.jobs;

import dev.backproplab.core.invert.InputMethod;
import dev.backproplab.core.method.MethodCatalogue;
import dev.backproplab.jobs.dataparallel.DataParallelMethod;

/**
 * The methods this build can run: the core module's, the ones that need Spark, and the input
 * optimisations, which read saved models from the results folder.
 */
public final class Catalogue {
  /** Every method a sweep file can name. */
  public static final MethodCatalogue METHODS = MethodCatalogue.CORE
      .with(new DataParallelMethod())
      .with(InputMethod.invert())
      .with(InputMethod.texture())
      .with(InputMethod.convert());

  private Catalogue() {}
}
