/**
 * Optimising the input of a frozen network instead of its weights: feature inversion (match one
 * layer's activations; Mahendran &amp; Vedaldi 2015) and texture synthesis (match the Gram matrices of
 * convolutional channels; Gatys, Ecker &amp; Bethge 2015), the building blocks of Chorowski, Weiss,
 * Saurous &amp; Bengio 2018's speech texture generation and voice conversion. The gradient reaches the
 * input through {@link dev.backproplab.core.nn.InputPass}; the step is one of the training updaters.
 */
package dev.backproplab.core.invert;
