/**
 * Sweeps: the parsed sweep file ({@link dev.backproplab.core.sweep.SweepSpec}) and its expansion into
 * trials with stable ids and derived seeds ({@link dev.backproplab.core.sweep.SweepExpander}).
 */
package dev.backproplab.core.sweep;
