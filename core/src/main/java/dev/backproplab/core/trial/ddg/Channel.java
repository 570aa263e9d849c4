package dev.backproplab.core.trial.ddg;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A bounded hand-off between two pipeline stages in one process: a fixed pool of {@link
 * Handoff.Message} buffers, each either free (the sender may fill it) or full (the receiver may read
 * it). A sender blocks while every buffer is full and a receiver while none is: no busy waiting, no
 * allocation per step, and no more than {@code capacity} minibatches in flight on one edge. Every
 * wait is interruptible, which is how the pipeline shuts down.
 *
 * <p>Messages carry their sequence number; the receiver checks it, so a lost or duplicated minibatch
 * fails the trial instead of training on the wrong error. Thread-safe for one sender and one receiver.
 */
final class Channel implements Handoff.In, Handoff.Out {
  private final String name;
  private final BlockingQueue<Handoff.Message> free;
  private final BlockingQueue<Handoff.Message> full;

  /**
   * @param name for messages, e.g. {@code "activations 0->1"}
   * @param capacity buffers in the pool (minibatches in flight), at least 1
   * @param maxRows largest minibatch
   * @param width features per row
   */
  Channel(String name, int capacity, int maxRows, int width, DataType type) {
    this.name = name;
    free = new ArrayBlockingQueue<>(capacity);
    full = new ArrayBlockingQueue<>(capacity);
    for (int i = 0; i < capacity; i++) {
      free.add(new Handoff.Message(Math.multiplyExact(maxRows, width), maxRows, type));
    }
  }

  @Override
  public Handoff.Message claim() throws InterruptedException {
    return free.take();
  }

  /** Never waits: the buffer came from this pool. */
  @Override
  public void send(Handoff.Message m) {
    full.add(m);
  }

  @Override
  public Handoff.Message receive(long expectedSeq) throws InterruptedException {
    Handoff.Message m = full.take();
    if (m.seq != expectedSeq) {
      throw new IllegalStateException(name + ": expected minibatch " + expectedSeq + ", got " + m.seq);
    }
    return m;
  }

  @Override
  public void release(Handoff.Message m) {
    free.add(m);
  }
}
