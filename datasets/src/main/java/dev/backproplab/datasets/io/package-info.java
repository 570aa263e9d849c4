/**
 * Readers for the on-disk formats of the data sets: IDX (MNIST, Fashion-MNIST; raw or gzip), CIFAR-10
 * binary batches, the UCI CSV files as scikit-learn ships them, and 16-bit PCM WAV audio. Files are opened through Hadoop's
 * {@code FileSystem}, so local paths, {@code file://}, {@code hdfs://} and {@code s3a://} URIs all work.
 *
 * <p>Every reader validates what it reads and reports a bad file with an
 * {@link dev.backproplab.core.InvalidInputException} that names the file, what was found and what was
 * expected. Readers hold no state and are safe to call from any thread.
 */
package dev.backproplab.datasets.io;
