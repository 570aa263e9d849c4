package dev.backproplab.core.nn;

import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 4-d NCHW views of a layer's {@code [B, C*H*W]} batch arrays, made once per array (the network
 * keeps its batch arrays), so the native image ops see the shape they need without a per-step view.
 */
final class ImageViews {
  private final ImageShape shape;
  private final Map<INDArray, INDArray> views = new IdentityHashMap<>();

  ImageViews(ImageShape shape) {
    this.shape = shape;
  }

  /** {@code a} ({@code [B, C*H*W]}, row-major) seen as {@code [B, C, H, W]}. */
  INDArray of(INDArray a) {
    INDArray v = views.get(a);
    if (v == null) {
      v = a.reshape('c', a.size(0), shape.channels(), shape.height(), shape.width());
      views.put(a, v);
    }
    return v;
  }
}
