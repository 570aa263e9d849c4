package dev.backproplab.datasets.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * How often to try each mirror and how long to wait between tries: attempt k (k = 1, 2, ...) is
 * followed, on a retryable failure, by a pause of {@code initialBackoff * multiplier^(k-1)}. Network
 * errors, truncated transfers and HTTP 5xx/429 are retried; other HTTP errors and checksum mismatches
 * move on to the next mirror at once.
 *
 * @param attemptsPerMirror tries per mirror, at least 1
 * @param initialBackoff the first pause
 * @param multiplier growth of the pause, at least 1
 * @param requestTimeout how long to wait for a response's headers
 */
public record RetryPolicy(int attemptsPerMirror, Duration initialBackoff, double multiplier, Duration requestTimeout) {

  /** Validates. */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (attemptsPerMirror < 1) {
      throw new IllegalArgumentException("Invalid attempts per mirror: " + attemptsPerMirror + ", expected >= 1");
    }
    if (!(multiplier >= 1)) {
      throw new IllegalArgumentException("Invalid backoff multiplier: " + multiplier + ", expected >= 1");
    }
  }

  /** 3 tries per mirror, pauses of 1 s then 2 s, 60 s to the response headers. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60));
  }

  /** The pause after failed attempt {@code attempt} (1-based). */
  public Duration backoffAfter(int attempt) {
    return Duration.ofMillis((long) (initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1)));
  }
}
