/**
 * backprop-lab core: networks on ND4J, credit-assignment rules, gradient updaters, trials and sweep
 * expansion. Nothing here knows of Spark, files or formats.
 */
package dev.backproplab.core;
