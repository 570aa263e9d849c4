package dev.backproplab.core.trial.ddg;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection between two modules of a barrier trial, in length-prefixed frames: a 24-byte
 * header (kind, rows, sequence number, payload bytes, label count), the payload (floats or doubles in
 * the sender's native byte order, as they lie in memory), then the labels. Both ends are in one
 * cluster of one architecture: a header in the other byte order does not read as an opening frame,
 * and the receiver refuses it. Reads and writes are blocking; closing the connection from another thread ends a
 * blocked read or write with an exception, which is how a failing module fails its peers. Writes are
 * synchronized (a receiver's credits and a module's reports may come from two threads); one thread reads.
 */
final class Wire implements AutoCloseable {
  static final int HEADER = 24;

  /** Frame kinds. */
  static final int HELLO = 1;
  static final int DATA = 2;
  static final int SNAPSHOT = 3;
  static final int END = 4;
  static final int REPORT = 5;
  static final int PARAMS = 6;
  static final int FAILED = 7;

  private final SocketChannel channel;
  /** For messages: what the connection carries, e.g. {@code "activations 0->1"}. */
  final String name;
  private final ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.nativeOrder());
  private final ByteBuffer readHeader = ByteBuffer.allocate(HEADER).order(ByteOrder.nativeOrder());
  private final ByteBuffer one = ByteBuffer.allocate(1);
  private final ByteBuffer empty = ByteBuffer.allocate(0);
  private final ByteBuffer[] frame = new ByteBuffer[3];
  /** The labels of the frame being written, then of the frame being read (one writer, one reader: two buffers). */
  private ByteBuffer labelsOut = ByteBuffer.allocate(0);
  private ByteBuffer labelsIn = ByteBuffer.allocate(0);

  /** The header of the last frame {@link #readHeader} read. */
  int kind;
  int rows;
  long seq;
  int payload;
  int labels;

  Wire(SocketChannel channel, String name) {
    this.channel = channel;
    this.name = name;
  }

  /** The same connection under another name (once the opening frame said what it carries). */
  Wire renamed(String newName) {
    return new Wire(channel, newName);
  }

  /** Writes a frame of {@code kind} whose payload is {@code body} (then {@code labels} ints, if not null). */
  synchronized void write(int kind, int rows, long seq, ByteBuffer body, int[] labels, int labelCount)
      throws IOException {
    int count = labels == null ? 0 : labelCount;
    header.clear();
    header.putInt(kind).putInt(rows).putLong(seq).putInt(body == null ? 0 : body.remaining()).putInt(count).flip();
    labelsOut = sized(labelsOut, count);
    if (count > 0) {
      labelsOut.asIntBuffer().put(labels, 0, count);
    }
    frame[0] = header;
    frame[1] = body == null ? empty : body;
    frame[2] = labelsOut;
    long left = header.remaining() + frame[1].remaining() + labelsOut.remaining();
    while (left > 0) { // one gathering write: the frame leaves in as few segments as the socket allows
      left -= channel.write(frame);
    }
  }

  /** Writes a frame with no payload. */
  void write(int kind, int rows, long seq) throws IOException {
    write(kind, rows, seq, null, null, 0);
  }

  /** Writes one byte outside the frames (a receiver's credit, on a connection whose other way carries frames). */
  synchronized void writeByte() throws IOException {
    one.clear();
    one.put((byte) 1).flip();
    writeFully(one);
  }

  /** Reads one byte written by {@link #writeByte}. */
  void readByte() throws IOException {
    one.clear();
    readFully(one);
  }

  /** Reads the next frame's header into the fields. */
  void readHeader() throws IOException {
    readHeader.clear();
    readFully(readHeader);
    readHeader.flip();
    kind = readHeader.getInt();
    rows = readHeader.getInt();
    seq = readHeader.getLong();
    payload = readHeader.getInt();
    labels = readHeader.getInt();
    if (payload < 0 || labels < 0) {
      throw new IOException(name + ": a malformed frame (payload " + payload + " bytes, " + labels + " labels)");
    }
  }

  /** Reads the payload of the frame whose header was read into {@code dst} (exactly its remaining bytes). */
  void readPayload(ByteBuffer dst) throws IOException {
    if (dst.remaining() != payload) {
      throw new IOException(name + ": expected a payload of " + dst.remaining() + " bytes, got " + payload);
    }
    readFully(dst);
  }

  /** Reads the labels of the frame whose header was read into {@code dst}. */
  void readLabels(int[] dst) throws IOException {
    if (labels > dst.length) {
      throw new IOException(name + ": " + labels + " labels in a frame, at most " + dst.length + " expected");
    }
    if (labels > 0) {
      labelsIn = sized(labelsIn, labels);
      readFully(labelsIn);
      labelsIn.flip();
      labelsIn.asIntBuffer().get(dst, 0, labels);
    }
  }

  /** {@code b}, or a larger buffer, cleared and limited to {@code ints} ints in native order. */
  private static ByteBuffer sized(ByteBuffer b, int ints) {
    ByteBuffer out = b.capacity() >= ints * Integer.BYTES ? b : ByteBuffer.allocate(ints * Integer.BYTES);
    out.clear();
    out.limit(ints * Integer.BYTES);
    return out.order(ByteOrder.nativeOrder());
  }

  /** Reads the payload of the frame whose header was read as UTF-8 text. */
  String readText() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(payload);
    readFully(b);
    return new String(b.array(), StandardCharsets.UTF_8);
  }

  /** Writes a frame whose payload is {@code text} in UTF-8. */
  void writeText(int kind, int rows, String text) throws IOException {
    write(kind, rows, 0, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), null, 0);
  }

  /** Writes the opening frame: which connection this is ({@code role}, from {@code module}). */
  void hello(int role, int module) throws IOException {
    write(HELLO, role, module);
  }

  /**
   * Reads the opening frame into the fields.
   *
   * @throws IOException when the peer is not a module of this trial or its byte order differs
   */
  void readHello() throws IOException {
    readHeader();
    if (kind != HELLO) {
      throw new IOException(name + ": " + (Integer.reverseBytes(kind) == HELLO
          ? "the other module's machine has the other byte order: run the trial on machines of one architecture"
          : "not a module of this trial (opening frame kind " + kind + ")"));
    }
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  private void readFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        throw new EOFException(name + ": the other module closed the connection");
      }
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing is best effort: the connection is gone either way
    }
  }
}
