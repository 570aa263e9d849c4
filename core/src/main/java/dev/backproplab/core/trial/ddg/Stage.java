package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.data.Examples;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Segment;
import dev.backproplab.core.optim.Updater;
import dev.backproplab.core.trial.TrialProgress;

/**
 * Module k of K in the pipeline of decoupled parallel backprop: its {@link Segment}, its own updater
 * state, and its schedule. On minibatch s (0-based, in the order fed) the stage
 *
 * <ol>
 *   <li>takes the input (module 0 loads the examples; module k receives module k-1's activations),
 *   <li>runs its forward pass and hands the output to module k+1,
 *   <li>runs the backward pass of minibatch s - (K-1-k), with the error module k+1 sent for it (the
 *       top module: the loss of minibatch s itself, never stale), hands the error at its input to
 *       module k-1,
 *   <li>updates its weights.
 * </ol>
 *
 * So module k keeps K - k minibatches (slots), and the gradient it applies is K - 1 - k updates old.
 * The schedule of each stage is fixed by the minibatch order alone, not by thread timing: a run is
 * deterministic. During the first K - 1 - k minibatches a stage has no gradient yet and only forwards.
 * Not thread-safe: one stage, one thread.
 */
final class Stage {
  /** Gradient norms are measured on every NORM_EVERY-th update: a norm costs a pass over the weights. */
  static final int NORM_EVERY = 8;

  private final int index;
  private final int delay;
  private final Segment segment;
  private final Updater updater;
  private final DdgConfig.DelayedWeights weights;
  private final Handoff.In activationsIn;
  private final Handoff.Out activationsOut;
  private final Handoff.In errorsIn;
  private final Handoff.Out errorsOut;
  private final int[] slotSize;
  private final long[] updatesAtForward;
  private long seq;
  private long updates;

  /** What one step of a stage did, for the curve: its loss (top), staleness and gradient norm. */
  record Report(int module, long seq, int size, double loss, long staleness, double gradientNorm) {}

  /**
   * @param index k
   * @param modules K
   * @param activationsIn from module k-1, or null for module 0
   * @param activationsOut to module k+1, or null for the top module
   * @param errorsIn from module k+1, or null for the top module
   * @param errorsOut to module k-1, or null for module 0
   */
  Stage(int index, int modules, Segment segment, Updater updater, DdgConfig.DelayedWeights weights,
      Handoff.In activationsIn, Handoff.Out activationsOut, Handoff.In errorsIn, Handoff.Out errorsOut) {
    this.index = index;
    this.delay = modules - 1 - index;
    this.segment = segment;
    this.updater = updater;
    this.weights = weights;
    this.activationsIn = activationsIn;
    this.activationsOut = activationsOut;
    this.errorsIn = errorsIn;
    this.errorsOut = errorsOut;
    slotSize = new int[delay + 1];
    updatesAtForward = new long[delay + 1];
  }

  /** Module {@code index} of {@code modules} on {@code segment}, with an updater of its own as {@code config} says. */
  static Stage of(DdgConfig config, int index, int modules, Segment segment, Handoff.In activationsIn,
      Handoff.Out activationsOut, Handoff.In errorsIn, Handoff.Out errorsOut) {
    return new Stage(index, modules, segment, Updater.create(config.gradient().updater(), segment.paramArray()),
        config.delayedWeights(), activationsIn, activationsOut, errorsIn, errorsOut);
  }

  /** Module 0's step: minibatch {@code order[from .. from + size)} of {@code data}. */
  Report step(Examples data, int[] order, int from, int size) throws InterruptedException {
    segment.load(slot(seq), data, order, from, size);
    return run(size);
  }

  /** Module k's step (k &gt; 0): waits for module k-1's next activations. */
  Report step() throws InterruptedException {
    Handoff.Message m = activationsIn.receive(seq);
    int size = m.size;
    segment.receive(slot(seq), m.data, m.labels, size);
    activationsIn.release(m);
    return run(size);
  }

  private int slot(long s) {
    return (int) (s % (delay + 1));
  }

  private Report run(int size) throws InterruptedException {
    int slot = slot(seq);
    segment.forward(slot, size);
    slotSize[slot] = size;
    updatesAtForward[slot] = updates;
    if (delay > 0 && weights == DdgConfig.DelayedWeights.FORWARD) {
      segment.keepWeights(slot);
    }
    if (activationsOut != null) {
      Handoff.Message m = activationsOut.claim();
      m.fill(seq, segment.output(slot, size), segment.labels(slot, size), size, segment.outputWidth());
      activationsOut.send(m);
    }
    double loss = Double.NaN;
    long staleness = -1;
    double norm = Double.NaN;
    long back = seq - delay;
    if (back >= 0) {
      int bslot = slot(back);
      int bsize = slotSize[bslot];
      staleness = updates - updatesAtForward[bslot];
      if (delay == 0) {
        loss = segment.loss(bslot, bsize);
        if (!Double.isFinite(loss)) {
          throw TrialProgress.diverged("loss became " + loss + " at step " + (seq + 1));
        }
        segment.backward(bslot, bsize, null);
      } else {
        backwardDelayed(back, bslot, bsize, staleness > 0);
      }
      if (errorsOut != null) {
        Handoff.Message m = errorsOut.claim();
        m.fill(back, segment.inputError(bslot, bsize), null, bsize, segment.inputWidth());
        errorsOut.send(m);
      }
      updater.apply(segment.params(), segment.gradients());
      updates++;
      if (updates % NORM_EVERY == 1) {
        norm = norm(segment.gradients());
      }
    }
    return new Report(index, seq++, size, loss, staleness, norm);
  }

  private void backwardDelayed(long back, int bslot, int bsize, boolean stale) throws InterruptedException {
    Handoff.Message m = errorsIn.receive(back);
    if (m.size != bsize) {
      throw new IllegalStateException("module " + index + ": the error for minibatch " + back + " has "
          + m.size + " rows, its input had " + bsize);
    }
    boolean swap = stale && weights == DdgConfig.DelayedWeights.FORWARD;
    if (stale && weights == DdgConfig.DelayedWeights.CURRENT) {
      segment.forward(bslot, bsize);
    }
    if (swap) {
      segment.useKeptWeights(bslot);
    }
    segment.backward(bslot, bsize, m.data);
    errorsIn.release(m);
    if (swap) {
      segment.restoreWeights();
    }
  }

  private static double norm(DataView g) {
    double s = 0;
    for (int i = 0, n = g.length(); i < n; i++) {
      double v = g.get(i);
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
