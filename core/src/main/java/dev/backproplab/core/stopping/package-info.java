/**
 * Early stopping across the trials of a sweep: the median stopping rule and asynchronous successive
 * halving (ASHA), comparing trials through a shared {@link dev.backproplab.core.stopping.RungBoard}.
 */
package dev.backproplab.core.stopping;
