package dev.backproplab.datasets.io;

import dev.backproplab.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the numeric CSV files of the UCI data sets as scikit-learn 1.2.1 ships them: each data row is
 * the feature values followed by an integer class label. With a header (iris, wine, breast cancer) the
 * first row is {@code n_samples,n_features,class names...}, and the reader checks that exactly
 * {@code n_samples} rows of {@code n_features + 1} values follow and that labels index the class names.
 * Without a header (digits) every row is data.
 *
 * <p>Blank lines are skipped; a bad row is an {@link InvalidInputException} naming the file, the line
 * number (1-based), what was found and what was expected. Stateless and thread-safe.
 */
public final class CsvReader {
  /**
   * The system property bounding the number of classes of a file without a header (default
   * {@value #DEFAULT_MAX_CLASSES}): one stray large label must not build a model with that many outputs.
   */
  public static final String MAX_CLASSES_PROPERTY = "bpl.max-classes";
  static final int DEFAULT_MAX_CLASSES = 1000;

  private CsvReader() {}

  /** The most classes a file without a header may have. */
  static int maxClasses() {
    return Math.max(2, Integer.getInteger(MAX_CLASSES_PROPERTY, DEFAULT_MAX_CLASSES));
  }

  /**
   * Reads the whole stream (UTF-8; the stream is not closed).
   *
   * @param in the decompressed content
   * @param file the file's name or URI, for messages
   * @param layout what the file must look like
   * @throws InvalidInputException on a bad header, row, value or label
   */
  public static CsvTable read(InputStream in, String file, CsvLayout layout) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    try {
      return parse(reader, file, layout);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** True if {@code line} looks like a scikit-learn header: some field of it is not a number. */
  public static boolean looksLikeHeader(String line) {
    for (String field : line.split(",", -1)) {
      try {
        Double.parseDouble(field.trim());
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return false;
  }

  private static CsvTable parse(BufferedReader reader, String file, CsvLayout layout) throws IOException {
    Lines lines = new Lines(reader);
    int lineNo = 0;
    int declaredRows = -1;
    int features = layout.expectedFeatures();
    int numClasses = layout.numClasses();
    List<String> classNames = List.of();
    String line;
    if (layout.header()) {
      line = lines.nextNonBlank();
      lineNo = lines.number;
      if (line == null) {
        throw new InvalidInputException("Invalid CSV file " + file
            + ": it is empty, expected a header row n_samples,n_features,class names... and data rows.");
      }
      String[] h = line.split(",", -1);
      if (h.length < 4) {
        throw bad(file, lineNo, "header has " + h.length + " fields, expected n_samples,n_features and at least "
            + "2 class names");
      }
      declaredRows = headerInt(file, lineNo, h[0], "n_samples");
      int declaredFeatures = headerInt(file, lineNo, h[1], "n_features");
      if (features != -1 && declaredFeatures != features) {
        throw bad(file, lineNo, "header declares " + declaredFeatures + " features, expected " + features);
      }
      features = declaredFeatures;
      List<String> names = new ArrayList<>();
      for (int i = 2; i < h.length; i++) {
        names.add(h[i].trim());
      }
      if (numClasses != -1 && names.size() != numClasses) {
        throw bad(file, lineNo, "header names " + names.size() + " classes, expected " + numClasses);
      }
      numClasses = names.size();
      classNames = List.copyOf(names);
    }
    FloatBuffer values = new FloatBuffer();
    List<Integer> labels = new ArrayList<>();
    int maxLabel = -1;
    while ((line = lines.nextNonBlank()) != null) {
      lineNo = lines.number;
      String[] f = line.split(",", -1);
      if (features == -1) {
        features = f.length - 1;
        if (features < 1) {
          throw bad(file, lineNo, "found " + f.length + " value(s), expected at least one feature and a label");
        }
      }
      if (f.length != features + 1) {
        throw bad(file, lineNo, "found " + f.length + " values, expected " + (features + 1) + " (" + features
            + " features and a label)");
      }
      for (int c = 0; c < features; c++) {
        double v = number(file, lineNo, c + 1, f[c]);
        if (v < layout.minValue() || v > layout.maxValue()) {
          throw bad(file, lineNo, "column " + (c + 1) + " has value " + f[c].trim() + ", expected a value in ["
              + fmt(layout.minValue()) + ", " + fmt(layout.maxValue()) + "]");
        }
        values.add((float) v);
      }
      double lv = number(file, lineNo, features + 1, f[features]);
      int limit = numClasses != -1 ? numClasses : maxClasses();
      if (lv != Math.rint(lv) || lv < 0 || lv >= limit) {
        throw bad(file, lineNo, "label (column " + (features + 1) + ") was " + f[features].trim()
            + ", expected an integer class index 0.." + (limit - 1) + (numClasses != -1 ? ""
                : " (at most " + limit + " classes; -D" + MAX_CLASSES_PROPERTY + "=N on the driver and"
                    + " executors allows more)"));
      }
      labels.add((int) lv);
      maxLabel = Math.max(maxLabel, (int) lv);
      if (declaredRows >= 0 && labels.size() > declaredRows) {
        throw bad(file, lineNo, "more data rows than the " + declaredRows + " the header declares");
      }
    }
    if (labels.isEmpty()) {
      throw new InvalidInputException("Invalid CSV file " + file + ": it has no data rows, expected at least one.");
    }
    if (declaredRows >= 0 && labels.size() != declaredRows) {
      throw new InvalidInputException("Invalid CSV file " + file + ": the header declares " + declaredRows
          + " data rows but " + labels.size() + " were found.");
    }
    if (numClasses == -1) {
      numClasses = maxLabel + 1;
      if (numClasses < 2) {
        throw new InvalidInputException("Invalid CSV file " + file + ": every row has label " + maxLabel
            + ", expected at least 2 classes (labels 0..K-1) to classify.");
      }
    }
    int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
    return new CsvTable(file, lab.length, features, values.toArray(), lab, numClasses, classNames);
  }

  /** Lines of a reader, skipping blank ones, remembering the 1-based number of the last line returned. */
  private static final class Lines {
    private final BufferedReader reader;
    private int number;

    Lines(BufferedReader reader) {
      this.reader = reader;
    }

    String nextNonBlank() throws IOException {
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1); // a UTF-8 byte order mark
        }
        if (!line.isBlank()) {
          return line;
        }
      }
      return null;
    }
  }

  private static int headerInt(String file, int lineNo, String field, String what) {
    try {
      int v = Integer.parseInt(field.trim());
      if (v <= 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(file, lineNo, "header field " + what + " was '" + field.trim() + "', expected a positive integer");
    }
  }

  private static double number(String file, int lineNo, int column, String field) {
    String s = field.trim();
    try {
      double v = Double.parseDouble(s);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(file, lineNo, "column " + column + " was '" + s + "', expected a finite number");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static InvalidInputException bad(String file, int lineNo, String what) {
    return new InvalidInputException("Invalid CSV file " + file + ", line " + lineNo + ": " + what + ".");
  }

  /** A growable float array. */
  private static final class FloatBuffer {
    private float[] data = new float[1024];
    private int size;

    void add(float v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
