/**
 * Turning raw rows into training data: deterministic stratified train/test splits, seeded shuffles,
 * row selection, pixel scaling and standardisation with training-split statistics. All randomness
 * comes from a seed the caller passes ({@link java.util.SplittableRandom}); nothing here is global.
 */
package dev.backproplab.datasets.prep;
