package dev.backproplab.jobs;

import dev.backproplab.core.method.MethodCatalogue;
import dev.backproplab.jobs.dataparallel.DataParallelMethod;

/** The methods this build can run: the core module's and the ones that need Spark. */
public final class Catalogue {
  /** Every method a sweep file can name. */
  public static final MethodCatalogue METHODS = MethodCatalogue.CORE
      .with(new DataParallelMethod());

  private Catalogue() {}
}
