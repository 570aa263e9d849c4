/**
 * The {@code datasets} module's entry points: {@link dev.backproplab.datasets.DatasetLoader} turns a
 * registry name or a path/URI into a {@link dev.backproplab.core.data.DataSplit} ready for training, and
 * {@link dev.backproplab.datasets.DatasetManager} is the plain-Java API behind {@code bpl datasets
 * list|fetch|verify}. Sub-packages: {@code io} (readers), {@code registry} (named data sets and where
 * their files are), {@code fetch} (verified downloads), {@code prep} (splits, shuffles, scaling).
 */
package dev.backproplab.datasets;
