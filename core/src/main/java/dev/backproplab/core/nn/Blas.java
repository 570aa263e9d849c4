package dev.backproplab.core.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products straight into OpenBLAS's {@code cblas_?gemm}, the routine ND4J's {@code Nd4j.gemm}
 * ends in, without ND4J's op dispatch.
 *
 * <p>{@code Nd4j.gemm} builds an {@code Mmul} op per call: a random UUID for the op (a read of the
 * system's secure random source), a native op context, native shape buffers whose allocation checks
 * the process's physical memory, and the phantom references that free them. On the small networks a
 * sweep trains (a 64-8-10 MLP on digits, batches of 16) that dispatch is most of a training step, and
 * its references make the garbage collector's young pauses grow to G1's 200 ms target during a sweep.
 * This class makes the same BLAS call from Java: for each operand, the layout rules of libnd4j's
 * {@code MmulHelper::mmulMxM} (the BLAS order follows the output's contiguous axis, an operand is
 * transposed when its contiguous axis differs from the output's, leading dimensions from the strides)
 * pick the same order, transposes and leading dimensions, so the products are the same to the bit
 * ({@code BlasTest} compares them with {@code Nd4j.gemm} over shapes, layouts, offsets and both types).
 * Products whose operands ND4J would first copy (neither axis contiguous), of other types, or of two
 * 1x1 matrices (which libnd4j takes as a dot product) still go through {@code Nd4j.gemm}.
 *
 * <p>The operands' memory is addressed through raw pointers that own nothing: the arrays passed in
 * keep it alive for the call. Only on ND4J's CPU backend, whose arrays live in host memory and whose
 * products are OpenBLAS's: on another backend (the CUDA build's) every product goes through {@code
 * Nd4j.gemm}, and the OpenBLAS classes are never loaded.
 */
public final class Blas {
  /** The class of ND4J's CPU backend (nd4j-native). */
  static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

  /** Whether this JVM's products go straight to OpenBLAS: chosen once, by the backend ND4J loaded. */
  private static final boolean DIRECT = direct(Nd4j.getBackend().getClass().getName());

  private Blas() {}

  /** Whether products on the backend of class {@code backendClass} may go straight to OpenBLAS. */
  static boolean direct(String backendClass) {
    return CPU_BACKEND.equals(backendClass);
  }

  /**
   * {@code c = alpha op(a) op(b) + beta c}, where {@code op} transposes when asked: the contract of
   * {@code Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta)}, whose numbers it gives.
   */
  public static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
      double beta) {
    DataType type = c.dataType();
    if (!DIRECT || a.rank() != 2 || b.rank() != 2 || c.rank() != 2 || a.dataType() != type || b.dataType() != type
        || (type != DataType.DOUBLE && type != DataType.FLOAT)) {
      Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
      return;
    }
    // op(a) is M x K, op(b) K x N, c M x N; a transpose swaps an operand's sizes and strides
    long m = c.size(0);
    long n = c.size(1);
    long k = transposeA ? a.size(0) : a.size(1);
    long aStrideM = transposeA ? a.stride(1) : a.stride(0);
    long aStrideK = transposeA ? a.stride(0) : a.stride(1);
    long bStrideK = transposeB ? b.stride(1) : b.stride(0);
    long bStrideN = transposeB ? b.stride(0) : b.stride(1);
    if ((transposeA ? a.size(1) : a.size(0)) != m || (transposeB ? b.size(0) : b.size(1)) != n
        || (transposeB ? b.size(1) : b.size(0)) != k) {
      throw new IllegalArgumentException("gemm: shapes " + shape(a, transposeA) + " x " + shape(b, transposeB)
          + " do not give " + m + "x" + n);
    }
    boolean aMcont = m == 1 || aStrideM == 1;
    boolean aKcont = k == 1 || aStrideK == 1;
    boolean bKcont = k == 1 || bStrideK == 1;
    boolean bNcont = n == 1 || bStrideN == 1;
    boolean cMcont = m == 1 || c.stride(0) == 1;
    boolean cNcont = n == 1 || c.stride(1) == 1;
    if (!(aMcont || aKcont) || !(bKcont || bNcont) || !(cMcont || cNcont) || m == 0 || n == 0
        || m * n * k == 1) {
      // ND4J copies such operands first; and takes a 1x1 by 1x1 product as a dot product, not to BLAS
      Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
      return;
    }
    int lda = Math.toIntExact(aMcont && aKcont ? m : !aMcont ? aStrideM : aStrideK);
    int ldb = Math.toIntExact(bKcont && bNcont ? k : !bKcont ? bStrideK : bStrideN);
    int ldc = Math.toIntExact(cMcont && cNcont ? m : !cMcont ? c.stride(0) : c.stride(1));
    int mi = Math.toIntExact(m);
    int ni = Math.toIntExact(n);
    int ki = Math.toIntExact(k);
    Cblas.gemm(type == DataType.DOUBLE, cMcont, aMcont != cMcont, bKcont != cMcont, mi, ni, ki, alpha, a, lda, b, ldb,
        beta, c, ldc);
  }

  private static String shape(INDArray x, boolean transposed) {
    return transposed ? x.size(1) + "x" + x.size(0) : x.size(0) + "x" + x.size(1);
  }

  /** The address of element 0 of {@code x}: its buffer's start plus its offset. */
  private static long elementZero(INDArray x, int elementBytes) {
    return x.data().address() + x.offset() * elementBytes;
  }

  /** The OpenBLAS calls, in a class of their own: loaded (with OpenBLAS's bindings) on the first direct product. */
  private static final class Cblas {
    private Cblas() {}

    static void gemm(boolean doubles, boolean colMajor, boolean transA, boolean transB, int m, int n, int k,
        double alpha, INDArray a, int lda, INDArray b, int ldb, double beta, INDArray c, int ldc) {
      int order = colMajor ? openblas_nolapack.CblasColMajor : openblas_nolapack.CblasRowMajor;
      int ta = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
      int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
      if (doubles) {
        openblas_nolapack.cblas_dgemm(order, ta, tb, m, n, k, alpha, new Doubles(a), lda, new Doubles(b), ldb, beta,
            new Doubles(c), ldc);
      } else {
        openblas_nolapack.cblas_sgemm(order, ta, tb, m, n, k, (float) alpha, new Floats(a), lda, new Floats(b), ldb,
            (float) beta, new Floats(c), ldc);
      }
    }
  }

  /** A pointer to an array's first double that owns nothing (no deallocator, nothing to collect). */
  private static final class Doubles extends DoublePointer {
    Doubles(INDArray x) {
      super((Pointer) null);
      address = elementZero(x, Double.BYTES);
    }
  }

  /** A pointer to an array's first float that owns nothing. */
  private static final class Floats extends FloatPointer {
    Floats(INDArray x) {
      super((Pointer) null);
      address = elementZero(x, Float.BYTES);
    }
  }
}
