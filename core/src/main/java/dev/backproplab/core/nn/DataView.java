package dev.backproplab.core.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The native memory of a contiguous ND4J array, read and written element by element from Java.
 *
 * <p>Small elementwise work (bias and activation, softmax, the loss, updater steps) costs far less as a
 * plain Java loop over the array's memory than as ND4J ops, whose dispatch alone takes 10-100 us each
 * (measured here; see docs/stack.md). Products stay in BLAS through {@link Blas#gemm}. A view holds the NIO
 * buffer obtained once, so the loops run without allocation. Float and double arrays get one subclass
 * each; call sites see at most two receiver types, which the JIT inlines.
 *
 * <p>Index {@code i} addresses the i-th element in the array's memory order from its offset. Not
 * thread-safe: a view, like the network that owns it, belongs to one thread.
 */
public abstract sealed class DataView permits DataView.F32, DataView.F64 {
  private final int length;
  /** The same memory as bytes in native order, for the vectorised {@link Kernels}. */
  final ByteBuffer bytes;
  /** Byte position of element 0 in {@link #bytes}. */
  final int byteOffset;
  /**
   * The viewed array. The NIO buffer does not keep native memory alive: without this reference the
   * array could be collected and its memory freed while the view still writes to it.
   */
  @SuppressWarnings("unused")
  private final INDArray owner;

  DataView(int length, INDArray owner, int elementOffset, int elementBytes) {
    this.length = length;
    this.owner = owner;
    this.bytes = owner.data().asNio().order(ByteOrder.nativeOrder());
    this.byteOffset = Math.multiplyExact(elementOffset, elementBytes);
  }

  /**
   * Views {@code array}, which must be dense in memory from its offset ({@code length()} consecutive
   * elements), as created by this package.
   */
  public static DataView of(INDArray array) {
    long n = array.length();
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("array too large for a view: " + n + " elements");
    }
    int offset = Math.toIntExact(array.offset());
    DataType type = array.dataType();
    return switch (type) {
      case FLOAT -> new F32(array.data().asNioFloat(), offset, (int) n, array);
      case DOUBLE -> new F64(array.data().asNioDouble(), offset, (int) n, array);
      default -> throw new IllegalArgumentException("unsupported data type " + type);
    };
  }

  /** Number of elements in the view. */
  public final int length() {
    return length;
  }

  /** Element {@code i}. */
  public abstract double get(int i);

  /** Sets element {@code i} to {@code v} (rounded to float for a float array). */
  public abstract void set(int i, double v);

  /** Adds {@code v} to element {@code i}. */
  public final void add(int i, double v) {
    set(i, get(i) + v);
  }

  /** True when the elements are floats (F32), false for doubles. */
  public final boolean isFloat() {
    return this instanceof F32;
  }

  /** Sets every element to zero. */
  public final void clear() {
    for (int i = 0; i < length; i++) {
      set(i, 0.0);
    }
  }

  /**
   * Copies elements {@code 0 .. n-1} to elements {@code 0 .. n-1} of {@code dst}: one bulk copy of the
   * memory when both hold the same type, else element by element (rounded to float for a float
   * {@code dst}).
   */
  public final void copyTo(DataView dst, int n) {
    if (n < 0 || n > length || n > dst.length) {
      throw new IndexOutOfBoundsException("copy of " + n + " elements between views of " + length + " and "
          + dst.length);
    }
    if (this instanceof F32 s && dst instanceof F32 d) {
      d.buffer.put(d.offset, s.buffer, s.offset, n);
    } else if (this instanceof F64 s && dst instanceof F64 d) {
      d.buffer.put(d.offset, s.buffer, s.offset, n);
    } else {
      for (int i = 0; i < n; i++) {
        dst.set(i, get(i));
      }
    }
  }

  /**
   * Copies {@code src[srcPos .. srcPos+n-1]} to elements {@code destPos .. destPos+n-1}, as {@link
   * System#arraycopy} does: one bulk copy into a double view, element by element (rounded to float)
   * into a float view.
   */
  public final void copyFrom(double[] src, int srcPos, int destPos, int n) {
    if (n < 0 || destPos < 0 || destPos > length - n || srcPos < 0 || srcPos > src.length - n) {
      throw new IndexOutOfBoundsException("copy of " + n + " elements from " + srcPos + " of " + src.length
          + " to " + destPos + " of a view of " + length);
    }
    if (this instanceof F64 d) {
      d.buffer.put(d.offset + destPos, src, srcPos, n);
    } else {
      for (int i = 0; i < n; i++) {
        set(destPos + i, src[srcPos + i]);
      }
    }
  }

  /**
   * Elements {@code 0 .. n-1} as bytes in native order: the same memory, not a copy, to be written to or
   * read from a channel as it is (the hand-off of activations between processes).
   */
  public final ByteBuffer memory(int n) {
    if (n < 0 || n > length) {
      throw new IndexOutOfBoundsException(n + " elements of a view of " + length);
    }
    int elementBytes = this instanceof F32 ? Float.BYTES : Double.BYTES;
    return bytes.slice(byteOffset, n * elementBytes).order(ByteOrder.nativeOrder());
  }

  /** Copies the elements into a new double array. */
  public final double[] toArray() {
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = get(i);
    }
    return out;
  }

  /** Float storage. */
  static final class F32 extends DataView {
    private final FloatBuffer buffer;
    private final int offset;

    F32(FloatBuffer buffer, int offset, int length, INDArray owner) {
      super(length, owner, offset, Float.BYTES);
      this.buffer = buffer;
      this.offset = offset;
    }

    @Override
    public double get(int i) {
      return buffer.get(offset + i);
    }

    /** Element {@code i} as a float. */
    float getFloat(int i) {
      return buffer.get(offset + i);
    }

    /** Sets element {@code i}. */
    void setFloat(int i, float v) {
      buffer.put(offset + i, v);
    }

    @Override
    public void set(int i, double v) {
      buffer.put(offset + i, (float) v);
    }
  }

  /** Double storage. */
  static final class F64 extends DataView {
    private final DoubleBuffer buffer;
    private final int offset;

    F64(DoubleBuffer buffer, int offset, int length, INDArray owner) {
      super(length, owner, offset, Double.BYTES);
      this.buffer = buffer;
      this.offset = offset;
    }

    @Override
    public double get(int i) {
      return buffer.get(offset + i);
    }

    @Override
    public void set(int i, double v) {
      buffer.put(offset + i, v);
    }
  }
}
