/** Gradient updaters over the flat parameter vector: SGD, momentum, Nesterov, Adam. */
package dev.backproplab.core.optim;
