/**
 * {@code bpl compare}: a run of a sweep ({@code bpl sweep --run-id}) against a baseline run, per
 * configuration (method, model, budget, parameters): the change in final validation and test accuracy
 * judged against the spread over repeats (Welch's one-sided t test, so seed-to-seed noise is not called
 * a regression), in samples and seconds to a target accuracy, and in failed and diverged trials, under
 * {@link dev.backproplab.core.sweep.Tolerances} from the sweep file's {@code compare:} block or flags;
 * the verdict (clean or regression) a scheduler acts on. See docs/adr/0024.
 */
package dev.backproplab.jobs.compare;
