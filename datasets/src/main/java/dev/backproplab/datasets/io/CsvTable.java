package dev.backproplab.datasets.io;

import java.util.List;

/**
 * A CSV data file read into memory: {@code rows x features} values row-major, one label per row.
 *
 * @param file the file's name or URI
 * @param rows number of data rows
 * @param features number of feature columns (the label column excluded)
 * @param values the features, row-major, as read (not normalised); not copied, treat as read-only
 * @param labels the class index of each row
 * @param numClasses number of classes
 * @param classNames the class names from the header, or an empty list when the file has no header
 */
public record CsvTable(
    String file, int rows, int features, float[] values, int[] labels, int numClasses, List<String> classNames) {}
