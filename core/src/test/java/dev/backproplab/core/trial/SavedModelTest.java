package dev.backproplab.core.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trial's trained network, kept and read back: the same parameters and the same accuracy. */
class SavedModelTest {
  private static final DataSplit IMAGES = TestData.blobs(200, 100, 4, 4);
  private static final ModelSpec CNN = new ModelSpec("cnn", List.of(8), "tanh",
      List.of(new ModelSpec.ConvSpec(3, 3, 1, 1)), 2);

  private static byte[] bytes(SavedModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(out);
    return out.toByteArray();
  }

  @Test
  void aTrialHandsOverItsTrainedNetworkWhichReadsBackToTheSameAccuracy() throws IOException {
    TrialSpec spec = Trials.spec("bp", Map.of("optimizer", "adam", "lr", 0.01), CNN, new Budget(3, null, null), 3);
    List<CurvePoint> curve = new ArrayList<>();
    List<SavedModel> kept = new ArrayList<>();
    TrialResult r = new TrialRunner().run(spec, IMAGES, curve::add, Double.POSITIVE_INFINITY, null, kept::add);
    assertEquals(TrialStatus.COMPLETED, r.status(), r.error());
    assertEquals(1, kept.size());
    SavedModel read = SavedModel.read(new ByteArrayInputStream(bytes(kept.get(0))), "m.model");
    assertEquals(spec.trialId(), read.trialId());
    assertEquals(CNN, read.model());
    assertArrayEquals(kept.get(0).params(), read.params(), 0.0);
    Network net = read.network();
    assertEquals(curve.get(curve.size() - 1).testAccuracy(), net.evaluate(IMAGES.test(), 100).accuracy(), 0.0);
  }

  @Test
  void aDivergedTrialKeepsNoModel() {
    TrialSpec spec = Trials.spec("bp", Map.of("optimizer", "momentum", "lr", 1e30),
        new ModelSpec("mlp", List.of(16), "relu"), new Budget(2, null, null), 3);
    List<SavedModel> kept = new ArrayList<>();
    TrialResult r = new TrialRunner().run(spec, IMAGES, p -> { }, Double.POSITIVE_INFINITY, null, kept::add);
    assertEquals(TrialStatus.DIVERGED, r.status());
    assertTrue(kept.isEmpty());
  }

  @Test
  void aLogMelModelWithTheStatisticsHeadRoundTripsAndDoublesStayDoubles() throws IOException {
    ModelSpec speech = new ModelSpec("cnn", List.of(4), "relu", List.of(new ModelSpec.ConvSpec(2, 3, 1, 1)), 2,
        "logmel", "stats", null);
    Network net = Network.of(Networks.layers(speech, new int[] {800}, 3), org.nd4j.linalg.api.buffer.DataType.DOUBLE, 9);
    SavedModel m = SavedModel.of("abc123", speech, new int[] {800}, net);
    SavedModel read = SavedModel.read(new ByteArrayInputStream(bytes(m)), "m.model");
    assertArrayEquals(DataView.of(net.params()).toArray(), DataView.of(read.network().params()).toArray(), 0.0);
    assertEquals(org.nd4j.linalg.api.buffer.DataType.DOUBLE, read.network().dataType());
    assertEquals(speech, read.model());
  }

  /** A file written before models had a head (format version 1) reads as the flatten head it was built with. */
  @Test
  void aVersionOneFileReadsWithTheFlattenHead() throws IOException {
    Network net = Network.of(Networks.layers(CNN, new int[] {1, 8, 8}, 4), org.nd4j.linalg.api.buffer.DataType.FLOAT, 9);
    byte[] v2 = bytes(SavedModel.of("abc123", CNN, new int[] {1, 8, 8}, net));
    int head = 8 + (2 + "abc123".length()) + (2 + "cnn".length()) + (2 + "tanh".length()) + (2 + "none".length());
    int headBytes = 2 + "flatten".length();
    assertEquals("flatten", new String(v2, head + 2, headBytes - 2, java.nio.charset.StandardCharsets.UTF_8));
    byte[] v1 = new byte[v2.length - headBytes];
    System.arraycopy(v2, 0, v1, 0, head);
    System.arraycopy(v2, head + headBytes, v1, head, v2.length - head - headBytes);
    v1[7] = 1;
    SavedModel read = SavedModel.read(new ByteArrayInputStream(v1), "old.model");
    assertEquals(CNN, read.model());
    assertArrayEquals(DataView.of(net.params()).toArray(), read.params(), 0.0);
  }

  @Test
  void aDamagedOrForeignFileIsAnInputErrorNamingIt() throws IOException {
    Network net = Network.of(Networks.layers(CNN, new int[] {1, 8, 8}, 4), org.nd4j.linalg.api.buffer.DataType.FLOAT, 9);
    byte[] b = bytes(SavedModel.of("abc123", CNN, new int[] {1, 8, 8}, net));
    InvalidInputException cut = assertThrows(InvalidInputException.class,
        () -> SavedModel.read(new ByteArrayInputStream(Arrays.copyOf(b, b.length - 5)), "cut.model"));
    assertTrue(cut.getMessage().startsWith("Invalid model file cut.model: it ends early"), cut.getMessage());
    InvalidInputException foreign = assertThrows(InvalidInputException.class,
        () -> SavedModel.read(new ByteArrayInputStream("PAR1 not a model".getBytes()), "x.parquet"));
    assertTrue(foreign.getMessage().contains("x.parquet") && foreign.getMessage().contains("BPLM"),
        foreign.getMessage());
  }
}
