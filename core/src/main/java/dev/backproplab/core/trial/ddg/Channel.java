package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.nn.DataView;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A bounded hand-off between two pipeline stages: a fixed pool of {@link Message} buffers, each
 * either free (the sender may fill it) or full (the receiver may read it). A sender blocks while every
 * buffer is full and a receiver while none is: no busy waiting, no allocation per step, and no more
 * than {@code capacity} minibatches in flight on one edge. Every wait is interruptible, which is how
 * the pipeline shuts down.
 *
 * <p>Messages carry their sequence number; the receiver checks it, so a lost or duplicated minibatch
 * fails the trial instead of training on the wrong error. Thread-safe for one sender and one receiver.
 */
final class Channel {
  private final String name;
  private final BlockingQueue<Message> free;
  private final BlockingQueue<Message> full;

  /** One minibatch's rows and labels, with its sequence number (0-based, in the order fed). */
  static final class Message {
    final DataView data;
    final int[] labels;
    long seq;
    int size;

    Message(int elements, int maxRows, DataType type) {
      data = DataView.of(Nd4j.create(type, elements));
      labels = new int[maxRows];
    }

    /** Copies {@code rows} rows of {@code width} features from {@code src}, and their labels. */
    void fill(long seq, DataView src, int[] labels, int rows, int width) {
      this.seq = seq;
      this.size = rows;
      src.copyTo(data, rows * width);
      if (labels != null) {
        System.arraycopy(labels, 0, this.labels, 0, rows);
      }
    }
  }

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
      free.add(new Message(Math.multiplyExact(maxRows, width), maxRows, type));
    }
  }

  /** A free buffer to fill, waiting while all are in flight. */
  Message claim() throws InterruptedException {
    return free.take();
  }

  /** Hands a filled buffer on (never waits: the buffer came from this pool). */
  void send(Message m) {
    full.add(m);
  }

  /**
   * The next filled buffer, waiting for one; it must carry minibatch {@code expectedSeq}.
   *
   * @throws IllegalStateException when the pipeline lost or repeated a minibatch
   */
  Message receive(long expectedSeq) throws InterruptedException {
    Message m = full.take();
    if (m.seq != expectedSeq) {
      throw new IllegalStateException(name + ": expected minibatch " + expectedSeq + ", got " + m.seq);
    }
    return m;
  }

  /** Gives a read buffer back to the sender. */
  void release(Message m) {
    free.add(m);
  }
}
