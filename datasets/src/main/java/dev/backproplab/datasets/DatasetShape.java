package dev.backproplab.datasets;

import java.util.Optional;
import dev.backproplab.datasets.registry.DatasetEntry;

/**
 * What a data set looks like, known without loading it.
 *
 * @param name the registry name, or the path as given
 * @param sampleShape the shape of one sample ({@code [c, h, w]} or {@code [d]})
 * @param numClasses number of classes
 * @param entry the registry entry, empty for a data set given by path
 */
public record DatasetShape(String name, int[] sampleShape, int numClasses, Optional<DatasetEntry> entry) {

  /** Copies the shape. */
  public DatasetShape {
    sampleShape = sampleShape.clone();
  }

  /** A copy of the sample shape. */
  @Override
  public int[] sampleShape() {
    return sampleShape.clone();
  }
}
