package dev.backproplab.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void streamsAreDistinctNonZeroAndPinned() {
    Seeds s = new Seeds(42);
    long[] all = Arrays.stream(Seeds.Stream.values()).mapToLong(s::seed).toArray();
    assertEquals(Seeds.Stream.values().length, new HashSet<>(Arrays.stream(all).boxed().toList()).size());
    Arrays.stream(all).forEach(v -> assertTrue(v > 0));
    // pinned: a change here changes every trial's numbers and must be deliberate
    assertEquals(5961945701979186670L, s.seed(Seeds.Stream.INIT));
    assertEquals(968748762977393315L, s.seed(Seeds.Stream.SHUFFLE));
    assertEquals(4523419483406550150L, s.seed(Seeds.Stream.FEEDBACK));
    assertEquals(new Seeds(42).random(Seeds.Stream.SHUFFLE).nextLong(),
        new Seeds(42).random(Seeds.Stream.SHUFFLE).nextLong());
  }

  @Test
  void seedZeroIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Seeds(0));
  }
}
