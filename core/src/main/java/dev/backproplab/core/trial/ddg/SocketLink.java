package dev.backproplab.core.trial.ddg;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A hand-off between two modules in different processes over one TCP connection ({@link Wire}): the
 * sender's {@link Out} writes each minibatch as a frame; the receiver's {@link In} has a reader thread
 * that reads frames into a pool of {@code capacity} buffers as they arrive.
 *
 * <p>Bounded as {@link Channel} is: the sender holds {@code capacity} credits, spends one per frame and
 * waits for the receiver to give one back (a byte on the same connection) when it releases a buffer, so
 * no more than {@code capacity} minibatches are in flight on the edge. Because the reader always has a
 * free buffer for a frame the sender was allowed to send, a sender never waits on a full socket for a
 * receiver that is itself waiting to send: two modules writing to each other cannot deadlock.
 *
 * <p>The receiver checks sequence numbers as {@link Channel} does. Between minibatches the sender may
 * send a control frame (at rest: {@link Wire#SNAPSHOT}, {@link Wire#END}); {@link In#next} shows the
 * kind of the next frame. When the connection ends or breaks, a waiting receiver gets an {@link
 * Broken} exception naming the link (never a hang), and so does a sender whose connection broke.
 */
final class SocketLink {
  private SocketLink() {}

  /** A link whose connection ended or broke: the module at its other end is gone. */
  static final class Broken extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Broken(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The sending end: one buffer, serialised on {@link #send}. One thread. */
  static final class Out implements Handoff.Out {
    private final Wire wire;
    private final Handoff.Message buffer;
    private int credits;

    Out(Wire wire, int capacity, int maxRows, int width, DataType type) {
      this.wire = wire;
      this.credits = capacity;
      buffer = new Handoff.Message(Math.multiplyExact(maxRows, width), maxRows, type);
    }

    @Override
    public Handoff.Message claim() {
      try {
        if (credits == 0) {
          wire.readByte();
          credits++;
        }
      } catch (IOException e) {
        throw new Broken(wire.name + ": " + e.getMessage(), e);
      }
      credits--;
      return buffer;
    }

    @Override
    public void send(Handoff.Message m) {
      try {
        wire.write(Wire.DATA, m.size, m.seq, m.data.memory(m.elements), m.labelled ? m.labels : null, m.size);
      } catch (IOException e) {
        throw new Broken(wire.name + ": " + e.getMessage(), e);
      }
    }

    /** Closes the connection: a write or credit wait in progress on another thread ends with an exception. */
    void close() {
      wire.close();
    }

    /** Sends a control frame (no credit spent: the receiver holds it outside its pool). */
    void control(int kind, long seq) {
      try {
        wire.write(kind, 0, seq);
      } catch (IOException e) {
        throw new Broken(wire.name + ": " + e.getMessage(), e);
      }
    }
  }

  /** The receiving end: a reader thread and a pool of buffers. One consumer thread. */
  static final class In implements Handoff.In, AutoCloseable {
    private final Wire wire;
    private final BlockingQueue<Handoff.Message> free;
    private final BlockingQueue<Frame> full = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean closing;
    private Frame next;

    /** A frame read: a minibatch, a control frame, or the end of the connection. */
    private record Frame(int kind, long seq, Handoff.Message message, String broken) {}

    In(Wire wire, int capacity, int maxRows, int width, DataType type, String threadName) {
      this.wire = wire;
      free = new ArrayBlockingQueue<>(capacity);
      for (int i = 0; i < capacity; i++) {
        free.add(new Handoff.Message(Math.multiplyExact(maxRows, width), maxRows, type));
      }
      reader = new Thread(this::read, threadName);
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try {
        while (true) {
          wire.readHeader();
          if (wire.kind != Wire.DATA) {
            full.add(new Frame(wire.kind, wire.seq, null, null));
            continue;
          }
          Handoff.Message m = free.poll();
          if (m == null) {
            throw new IOException(wire.name + ": the sender sent more minibatches than it had credits for");
          }
          m.seq = wire.seq;
          m.size = wire.rows;
          m.elements = wire.payload / (m.data.isFloat() ? Float.BYTES : Double.BYTES);
          m.labelled = wire.labels > 0;
          if (wire.payload > m.data.length() * (m.data.isFloat() ? Float.BYTES : Double.BYTES)) {
            throw new IOException(wire.name + ": a frame of " + wire.payload + " bytes, larger than the buffers");
          }
          wire.readPayload(m.data.memory(m.elements));
          wire.readLabels(m.labels);
          full.add(new Frame(Wire.DATA, m.seq, m, null));
        }
      } catch (IOException e) {
        full.add(new Frame(-1, -1, null, closing ? "closed" : e.getMessage()));
      }
    }

    /**
     * The kind of the next frame ({@link Wire#DATA} or a control kind), waiting for it; a DATA frame
     * stays to be taken by {@link #receive}, a control frame is consumed.
     *
     * @throws IllegalStateException when the connection ended or broke
     */
    int next() throws InterruptedException {
      Frame f = peek();
      if (f.kind != Wire.DATA) {
        next = null;
      }
      return f.kind;
    }

    private Frame peek() throws InterruptedException {
      if (next == null) {
        next = full.take();
      }
      if (next.broken != null) {
        full.add(next); // every later call sees the end too
        throw new Broken(wire.name + ": " + next.broken, null);
      }
      return next;
    }

    @Override
    public Handoff.Message receive(long expectedSeq) throws InterruptedException {
      Frame f = peek();
      next = null;
      if (f.kind != Wire.DATA) {
        throw new IllegalStateException(wire.name + ": expected minibatch " + expectedSeq + ", got control frame "
            + f.kind);
      }
      if (f.seq != expectedSeq) {
        throw new IllegalStateException(wire.name + ": expected minibatch " + expectedSeq + ", got " + f.seq);
      }
      return f.message;
    }

    @Override
    public void release(Handoff.Message m) {
      free.add(m);
      try {
        wire.writeByte();
      } catch (IOException e) {
        throw new Broken(wire.name + ": " + e.getMessage(), e);
      }
    }

    /** Closes the connection and waits for the reader thread to end. */
    @Override
    public void close() {
      closing = true;
      wire.close();
      Pipeline.joinAll(List.of(reader));
    }
  }
}
