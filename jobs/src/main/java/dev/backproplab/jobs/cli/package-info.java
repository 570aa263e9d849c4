/**
 * The {@code bpl} command line (picocli): {@code sweep}, {@code search}, {@code query},
 * {@code methods}, {@code datasets}, {@code bench}.
 * Exit codes: 0 done; 1 failure while running; 2 bad usage, configuration or input.
 */
package dev.backproplab.jobs.cli;
