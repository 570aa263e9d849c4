package dev.backproplab.core.trial;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A trial's seed tree: one root (the trial's seed) and a named child stream for each use of
 * randomness, so that no component derives its stream with constants of its own and two uses never
 * share a stream. A child's seed is the first 8 bytes of SHA-256 over the root and the stream's name,
 * never 0 (ND4J does not reproduce seed 0). Same root, same streams, on every machine.
 *
 * @param root the trial's seed (never 0)
 */
public record Seeds(long root) implements Serializable {

  /** The named streams of a trial. */
  public enum Stream {
    /** Initial weights of the network. */
    INIT,
    /** Order of the training examples (epochs, minibatches). */
    SHUFFLE,
    /** Random feedback matrices of credit-assignment rules. */
    FEEDBACK,
    /** Noise drawn during training (redrawn feedback magnitudes, perturbations). */
    NOISE,
    /** The candidates a derivative-free optimizer samples. */
    SAMPLING
  }

  public Seeds {
    if (root == 0) {
      throw new IllegalArgumentException("seed 0 is not reproducible in ND4J; derive a non-zero seed");
    }
  }

  /** The seed of stream {@code s}: never 0. */
  public long seed(Stream s) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ByteBuffer.allocate(Long.BYTES).putLong(root).array());
      sha.update(s.name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      long seed = ByteBuffer.wrap(sha.digest()).getLong() & Long.MAX_VALUE;
      return seed == 0 ? 1 : seed;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** A generator on stream {@code s}. */
  public SplittableRandom random(Stream s) {
    return new SplittableRandom(seed(s));
  }
}
