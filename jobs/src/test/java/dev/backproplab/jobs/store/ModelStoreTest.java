package dev.backproplab.jobs.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Models under a results folder on the local Hadoop file system: written, found by trial id or path. */
class ModelStoreTest {
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(5), "tanh");
  @TempDir Path dir;

  private static SavedModel model(String id, long seed) {
    Network net = Network.of(Networks.layers(MLP, new int[] {4}, 3), DataType.FLOAT, seed);
    return SavedModel.of(id, MLP, new int[] {4}, net);
  }

  @Test
  void aModelIsFoundByTrialIdOrPathAndReplacedByALaterAttempt() throws IOException {
    ModelStore store = new ModelStore(dir.toString());
    Configuration conf = new Configuration();
    store.write("sweep-a", model("0123abcd", 1), conf);
    store.write("sweep-a", model("0123abcd", 2), conf);
    Path file = dir.resolve("models/sweep-a/0123abcd.model");
    assertTrue(Files.isRegularFile(file));
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "no hidden temporary file is left");
    }
    assertArrayEquals(model("0123abcd", 2).params(), store.load("0123abcd", conf).params(), 0.0);
    assertArrayEquals(model("0123abcd", 2).params(), new ModelStore("/nowhere").load(file.toString(), conf).params(),
        0.0);
  }

  @Test
  void aMissingOrAmbiguousModelSaysWhatToDo() throws IOException {
    ModelStore store = new ModelStore(dir.toString());
    Configuration conf = new Configuration();
    InvalidInputException none = assertThrows(InvalidInputException.class, () -> store.load("feedbeef", conf));
    assertTrue(none.getMessage().contains("save_models: true"), none.getMessage());
    InvalidInputException path = assertThrows(InvalidInputException.class, () -> store.load("no/such.model", conf));
    assertTrue(path.getMessage().startsWith("No model file no/such.model"), path.getMessage());
    store.write("a", model("feedbeef", 1), conf);
    store.write("b", model("feedbeef", 1), conf);
    InvalidInputException two = assertThrows(InvalidInputException.class, () -> store.load("feedbeef", conf));
    assertTrue(two.getMessage().contains("several sweeps"), two.getMessage());
  }
}
