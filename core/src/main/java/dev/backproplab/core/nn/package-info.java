/**
 * Networks on ND4J: dense layers with relu, tanh or sigmoid, softmax cross-entropy, parameters in one
 * flat buffer with per-layer views. Products run in BLAS ({@code Nd4j.gemm} into existing arrays);
 * elementwise work runs as Java loops over native memory ({@link dev.backproplab.core.nn.DataView}).
 */
package dev.backproplab.core.nn;
