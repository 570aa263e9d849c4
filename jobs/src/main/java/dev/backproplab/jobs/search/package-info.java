/**
 * The distributed population search ({@code bpl search}): one derivative-free trial whose optimizer
 * lives on the driver and whose generations are evaluated as Spark jobs, only seeds and a broadcast
 * vector crossing the network for ES and seed-genome GA.
 */
package dev.backproplab.jobs.search;
