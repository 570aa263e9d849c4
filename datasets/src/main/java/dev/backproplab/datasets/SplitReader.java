package dev.backproplab.datasets;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.datasets.io.CifarBatch;
import dev.backproplab.datasets.io.CifarReader;
import dev.backproplab.datasets.io.CsvLayout;
import dev.backproplab.datasets.io.CsvReader;
import dev.backproplab.datasets.io.CsvTable;
import dev.backproplab.datasets.io.IdxImages;
import dev.backproplab.datasets.io.IdxLabels;
import dev.backproplab.datasets.io.IdxReader;
import dev.backproplab.datasets.prep.Scaling;
import dev.backproplab.datasets.prep.SplitIndices;
import dev.backproplab.datasets.prep.StratifiedSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads each storage format into a {@link DataSplit}: official splits for IDX and CIFAR-10, a seeded
 * stratified split for CSV; images scaled to [0, 1], tabular data standardised with the training
 * split's statistics. Stateless; package-private helper of {@link DatasetLoader}.
 */
final class SplitReader {
  private SplitReader() {}

  /**
   * IDX: files in the order train images, train labels, test images, test labels.
   *
   * @param rows expected image height or {@link IdxReader#ANY}
   * @param cols expected image width or {@link IdxReader#ANY}
   * @param numClasses number of classes, or -1 to use the largest label + 1
   */
  static DataSplit idx(String name, HashedFiles files, int rows, int cols, int numClasses) {
    int labelLimit = numClasses > 0 ? numClasses : 256;
    IdxImages trainX = files.readNext((in, f) -> IdxReader.readImages(in, f, rows, cols));
    IdxLabels trainY = files.readNext((in, f) -> IdxReader.readLabels(in, f, labelLimit));
    IdxReader.checkSameCount(trainX, trainY);
    IdxImages testX = files.readNext((in, f) -> IdxReader.readImages(in, f, trainX.rows(), trainX.cols()));
    IdxLabels testY = files.readNext((in, f) -> IdxReader.readLabels(in, f, labelLimit));
    IdxReader.checkSameCount(testX, testY);
    int classes = numClasses > 0 ? numClasses : inferClasses(trainY.labels(), testY.labels());
    if (numClasses <= 0) {
      everyClassInTraining(files.location(1), trainY.labels(), classes);
    }
    int[] shape = {1, trainX.rows(), trainX.cols()};
    Examples train = new Examples(Scaling.bytesToUnit(trainX.pixels(), 255f), trainY.labels(), shape, classes);
    Examples test = new Examples(Scaling.bytesToUnit(testX.pixels(), 255f), testY.labels(), shape, classes);
    return new DataSplit(name, train, test, files.combinedSha256());
  }

  /** CIFAR-10: all files but the last are training batches, the last is the test batch. */
  static DataSplit cifar(String name, HashedFiles files) {
    List<CifarBatch> trainBatches = new ArrayList<>();
    for (int i = 0; i < files.size() - 1; i++) {
      trainBatches.add(files.readNext(CifarReader::read));
    }
    CifarBatch test = files.readNext(CifarReader::read);
    int n = trainBatches.stream().mapToInt(CifarBatch::count).sum();
    byte[] pixels = new byte[n * CifarReader.PIXELS];
    int[] labels = new int[n];
    int at = 0;
    for (CifarBatch b : trainBatches) {
      System.arraycopy(b.pixels(), 0, pixels, at * CifarReader.PIXELS, b.pixels().length);
      System.arraycopy(b.labels(), 0, labels, at, b.count());
      at += b.count();
    }
    int[] shape = {3, 32, 32};
    return new DataSplit(name,
        new Examples(Scaling.bytesToUnit(pixels, 255f), labels, shape, CifarReader.CLASSES),
        new Examples(Scaling.bytesToUnit(test.pixels(), 255f), test.labels(), shape, CifarReader.CLASSES),
        files.combinedSha256());
  }

  /**
   * One CSV file, split by class with the options' fraction and seed.
   *
   * @param sampleShape the shape of a sample, or null for {@code [features]}
   * @param pixelMax divide by this (images), or 0 to standardise with the training split's statistics
   */
  static DataSplit csv(String name, HashedFiles files, CsvLayout layout, int[] sampleShape, double pixelMax,
      LoadOptions options) {
    CsvTable table = files.readNext((in, f) -> CsvReader.read(in, f, layout));
    int[] shape = sampleShape != null ? sampleShape : new int[] {table.features()};
    Examples all = new Examples(table.values(), table.labels(), shape, table.numClasses());
    SplitIndices idx = StratifiedSplit.split(table.labels(), table.numClasses(), options.testFraction(),
        options.splitSeed());
    if (idx.train().length == 0 || idx.test().length == 0) {
      throw new InvalidInputException("Cannot split " + files.location(0) + ": its " + table.rows()
          + " rows give " + idx.train().length + " training and " + idx.test().length
          + " test rows at test fraction " + options.testFraction() + "; expected at least one of each.");
    }
    Examples train = all.select(idx.train());
    Examples test = all.select(idx.test());
    everyClassInTraining(files.location(0), train.labels(), table.numClasses());
    if (pixelMax > 0) {
      Scaling.divideInPlace(train.features(), (float) pixelMax);
      Scaling.divideInPlace(test.features(), (float) pixelMax);
    } else {
      double[][] stats = Scaling.meanStd(train.features(), table.features());
      Scaling.standardizeInPlace(train.features(), stats[0], stats[1]);
      Scaling.standardizeInPlace(test.features(), stats[0], stats[1]);
    }
    return new DataSplit(name, train, test, files.combinedSha256());
  }

  /**
   * Checks that each of the {@code numClasses} classes has a training example: a class the model
   * never sees in training (a gap in the labels, a one-class file) is an input error.
   */
  private static void everyClassInTraining(String file, int[] trainLabels, int numClasses) {
    boolean[] seen = new boolean[numClasses];
    for (int l : trainLabels) {
      seen[l] = true;
    }
    List<Integer> missing = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      if (!seen[c]) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException("Invalid labels in " + file + ": the training split has no example of class"
          + (missing.size() == 1 ? " " : "es ") + (missing.size() > 10 ? missing.subList(0, 10) + "..." : missing)
          + " of 0.." + (numClasses - 1) + "; expected labels 0..K-1 with every class present in training.");
    }
  }

  private static int inferClasses(int[] a, int[] b) {
    int max = 0;
    for (int l : a) {
      max = Math.max(max, l);
    }
    for (int l : b) {
      max = Math.max(max, l);
    }
    return Math.max(2, max + 1);
  }
}
