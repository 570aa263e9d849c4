/**
 * The registry of named data sets (mnist, fashion-mnist, cifar10, digits, iris, wine, breast-cancer,
 * and the local speech sets espeak-words and espeak-speakers):
 * their files, checksums, mirrors, licenses and citations, and the {@link
 * dev.backproplab.datasets.registry.DatasetLocator} that finds a data set's files on disk in a fixed
 * lookup order (a given path, {@code $BPL_DATA_DIR}, the user cache, and for digits the embedded copy).
 */
package dev.backproplab.datasets.registry;
