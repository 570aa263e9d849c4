package dev.backproplab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestTest {
  private static final List<String> KEYS = List.of("lr", "batch_size", "grace_epochs", "repeats", "momentum");

  @Test
  void suggestsTheNearestKeyByEditDistanceOrAsAPrefix() {
    assertEquals(Optional.of("lr"), Suggest.nearest("lrr", KEYS));
    assertEquals(Optional.of("batch_size"), Suggest.nearest("batch_sise", KEYS));
    assertEquals(Optional.of("repeats"), Suggest.nearest("repeat", KEYS));
    assertEquals(Optional.of("grace_epochs"), Suggest.nearest("grace", KEYS));
    assertEquals(Optional.empty(), Suggest.nearest("foo", KEYS));
    assertEquals(Optional.empty(), Suggest.nearest("zzzzzzzz", KEYS));
    assertEquals(" (did you mean 'momentum'?)", Suggest.didYouMean("momentun", KEYS));
    assertEquals("", Suggest.didYouMean("xyz", KEYS));
  }

  @Test
  void distanceIsLevenshtein() {
    assertEquals(2, Suggest.distance("minst", "mnist"));
    assertEquals(3, Suggest.distance("kitten", "sitting"));
    assertEquals(0, Suggest.distance("", ""));
  }
}
