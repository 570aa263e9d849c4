package dev.backproplab.core.nn;

/**
 * The shape of one example as an image: channels, height, width (NCHW without the batch).
 *
 * @param channels channels, &gt;= 1
 * @param height rows, &gt;= 1
 * @param width columns, &gt;= 1
 */
public record ImageShape(int channels, int height, int width) {

  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("Invalid image shape " + channels + "x" + height + "x" + width);
    }
  }

  /** Features per example: channels x height x width. */
  public int size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
