package dev.backproplab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multiplies every frame by one fixed matrix: the input {@code [B, T n]} is read as {@code [B T, n]}
 * and the output is {@code [B T, m] = frames x M} with {@code M [n, m]}, in BLAS. No parameters; the
 * backward pass is {@code errorIn = delta M^T}. In {@link LogMel} it is the DFT (M the cosine and sine
 * basis) and the mel filterbank.
 */
public final class FrameProductLayer extends ParameterFreeLayer {
  private final String name;
  private final int frames;
  private final int rows;
  private final int cols;
  private final double[][] values;
  private INDArray matrix;

  /** Each of {@code frames} frames times {@code matrix} ({@code [n][m]}, copied); {@code name} for descriptions. */
  public FrameProductLayer(String name, int frames, double[][] matrix) {
    if (frames < 1 || matrix.length < 1 || matrix[0].length < 1) {
      throw new IllegalArgumentException("Invalid frame product " + name + ": " + frames + " frames, matrix "
          + matrix.length + "x" + (matrix.length > 0 ? matrix[0].length : 0));
    }
    this.name = name;
    this.frames = frames;
    this.rows = matrix.length;
    this.cols = matrix[0].length;
    this.values = new double[rows][];
    for (int i = 0; i < rows; i++) {
      if (matrix[i].length != cols) {
        throw new IllegalArgumentException("matrix of " + name + " is ragged at row " + i);
      }
      values[i] = matrix[i].clone();
    }
  }

  @Override
  public int inputSize() {
    return frames * rows;
  }

  @Override
  public int outputSize() {
    return frames * cols;
  }

  @Override
  public String describe() {
    return name + "(" + frames + "x" + rows + "->" + frames + "x" + cols + ")";
  }

  /** Makes the matrix in the network's data type. */
  @Override
  void bind(INDArray params, INDArray gradients, long offset) {
    matrix = Nd4j.create(values).castTo(params.dataType());
  }

  @Override
  void forward(INDArray in, INDArray out, DataView outView, int batch) {
    Blas.gemm(frames(in, batch, rows), matrix, frames(out, batch, cols), false, false, 1.0, 0.0);
  }

  @Override
  void propagate(INDArray in, INDArray delta, INDArray errorIn, int batch) {
    Blas.gemm(frames(delta, batch, cols), matrix, frames(errorIn, batch, rows), false, true, 1.0, 0.0);
  }

  /** A row-major {@code [B, T width]} batch array as {@code [B T, width]}, sharing its memory. */
  private INDArray frames(INDArray array, int batch, int width) {
    return Nd4j.create(array.data(), new long[] {(long) batch * frames, width}, new long[] {width, 1},
        array.offset(), 'c');
  }
}
