package dev.backproplab.datasets.io;

/**
 * What a CSV data file is expected to look like.
 *
 * @param header true if the first row is scikit-learn's {@code n_samples,n_features,class names...}
 *     (iris, wine, breast cancer); false if every row is data (digits)
 * @param expectedFeatures the required number of feature columns, or -1 to take it from the header or
 *     the first row
 * @param numClasses the number of classes, or -1 to take it from the header's class names (or, without
 *     a header, from the largest label + 1)
 * @param minValue the smallest allowed feature value
 * @param maxValue the largest allowed feature value
 */
public record CsvLayout(boolean header, int expectedFeatures, int numClasses, double minValue, double maxValue) {

  /** Validates the layout. */
  public CsvLayout {
    if (expectedFeatures == 0 || expectedFeatures < -1) {
      throw new IllegalArgumentException("Invalid expected feature count: " + expectedFeatures);
    }
    if (numClasses == 0 || numClasses == 1 || numClasses < -1) {
      throw new IllegalArgumentException("Invalid number of classes: " + numClasses);
    }
    if (!(minValue <= maxValue)) {
      throw new IllegalArgumentException("Invalid value range [" + minValue + ", " + maxValue + "]");
    }
  }

  /** scikit-learn's layout with a {@code n,d,names...} header and any finite values. */
  public static CsvLayout withHeader() {
    return new CsvLayout(true, -1, -1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** No header, any number of columns, any finite values, classes from the labels. */
  public static CsvLayout noHeader() {
    return new CsvLayout(false, -1, -1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }
}
