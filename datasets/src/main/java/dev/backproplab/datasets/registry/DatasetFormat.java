package dev.backproplab.datasets.registry;

/** How a data set's files are stored, which decides the reader and the train/test split. */
public enum DatasetFormat {
  /** IDX image and label files, official train/test split (MNIST, Fashion-MNIST). */
  IDX,
  /** CIFAR-10 binary batches, official split (five training batches, one test batch). */
  CIFAR10_BINARY,
  /** CSV without header, pixel values then a label; split deterministically and stratified (digits). */
  CSV_IMAGES,
  /** CSV with scikit-learn's {@code n,d,class names} header; split deterministically and stratified. */
  CSV_TABULAR,
  /**
   * Spoken words: 16-bit mono WAV clips listed in {@code index.csv} and checked against {@code
   * SHA256SUMS}; labelled by word, the last quarter of the speakers (in name order) held out as test.
   */
  WAV_WORDS,
  /**
   * The same clips labelled by speaker, the last rendition of every word and speaker held out as
   * test.
   */
  WAV_SPEAKERS
}
