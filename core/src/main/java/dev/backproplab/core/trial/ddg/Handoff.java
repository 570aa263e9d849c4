package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.nn.DataView;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two ends of a hand-off between adjacent pipeline stages (activations up, errors down), and the
 * buffer they pass. Two implementations: {@link Channel}, both ends in one process (the module threads
 * of a {@code ddg} trial), and {@link SocketLink}, one end in each of two processes (the modules of a
 * barrier trial, one Spark task each). Either way the hand-off is bounded (at most a fixed number of
 * minibatches in flight), carries sequence numbers the receiver checks, and waits without spinning.
 */
final class Handoff {
  private Handoff() {}

  /** The sending end. Call order per minibatch: {@link #claim}, fill the message, {@link #send}. */
  interface Out {
    /** A free buffer to fill, waiting while the most minibatches allowed are in flight. */
    Message claim() throws InterruptedException;

    /** Hands a filled buffer on. */
    void send(Message m) throws InterruptedException;
  }

  /** The receiving end. Call order per minibatch: {@link #receive}, read the message, {@link #release}. */
  interface In {
    /**
     * The next minibatch, waiting for it; it must carry sequence number {@code expectedSeq}.
     *
     * @throws IllegalStateException when the pipeline lost or repeated a minibatch, or the sender is gone
     */
    Message receive(long expectedSeq) throws InterruptedException;

    /** Gives a read buffer back, so the sender may send one more. */
    void release(Message m);
  }

  /** One minibatch's rows and labels, with its sequence number (0-based, in the order fed). */
  static final class Message {
    final DataView data;
    final int[] labels;
    long seq;
    int size;
    /** Elements of {@link #data} in use: rows times features. */
    int elements;
    /** Whether {@link #labels} holds the rows' labels (activations do; errors do not). */
    boolean labelled;

    Message(int elements, int maxRows, DataType type) {
      data = DataView.of(Nd4j.create(type, elements));
      labels = new int[maxRows];
    }

    /** Copies {@code rows} rows of {@code width} features from {@code src}, and their labels if any. */
    void fill(long seq, DataView src, int[] labels, int rows, int width) {
      this.seq = seq;
      this.size = rows;
      this.elements = rows * width;
      this.labelled = labels != null;
      src.copyTo(data, elements);
      if (labels != null) {
        System.arraycopy(labels, 0, this.labels, 0, rows);
      }
    }
  }
}
