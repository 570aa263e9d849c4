/**
 * Gradient updaters over the flat parameter vector: SGD, momentum, Nesterov, Adam, and weight decay
 * around them (an L2 penalty on the gradient, or decoupled as in AdamW).
 */
package dev.backproplab.core.optim;
