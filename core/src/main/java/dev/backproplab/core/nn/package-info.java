/**
 * Networks on ND4J: a sequence of {@link dev.backproplab.core.nn.Layer}s (dense, 2-d convolution, statistics pooling,
 * max-pooling, flatten, blackbox; relu, tanh or sigmoid) ending in linear logits and the softmax cross-entropy,
 * parameters in one flat buffer with per-layer views. Products run in BLAS ({@link dev.backproplab.core.nn.Blas#gemm} into
 * existing arrays), convolutions and pooling in ND4J's native ops; elementwise work runs as Java
 * loops over native memory ({@link dev.backproplab.core.nn.DataView}). The backward pass asks a
 * {@link dev.backproplab.core.credit.CreditAssignment} rule for each hidden layer's error.
 */
package dev.backproplab.core.nn;
