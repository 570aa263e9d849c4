package dev.backproplab.core.trial;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.nn.DataView;
import dev.backproplab.core.nn.Layer;
import dev.backproplab.core.nn.Network;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A trained network as a trial leaves it: the model description, the shape of its input and its
 * classes (enough to rebuild the layers with {@link Networks#layers}), and the flat parameter vector
 * in the network's layout. Written as one binary file (docs/adr/0021): the magic {@code BPLM}, a
 * format version, the trial id, the model's fields (the head since version 2), the sample shape, the classes, the data type
 * ({@code FLOAT} or {@code DOUBLE}), the layer descriptions (checked when read), then the parameter
 * count and the parameters as big-endian doubles. Immutable.
 *
 * @param trialId the trial that trained it
 * @param model the network description
 * @param sampleShape the shape of one input example
 * @param classes the number of classes
 * @param dataType the network's data type
 * @param params the flat parameters (copied)
 */
public record SavedModel(String trialId, ModelSpec model, int[] sampleShape, int classes, DataType dataType,
    double[] params) {
  private static final int MAGIC = 0x42504c4d; // "BPLM"
  /** Version 2 adds the model's head after its front end; version 1 files (no head) read as {@code flatten}. */
  private static final int VERSION = 2;

  /** Validates and copies. */
  public SavedModel {
    Objects.requireNonNull(trialId, "trialId");
    Objects.requireNonNull(model, "model");
    if (model.blackbox() != null) {
      throw new IllegalArgumentException("a model with a blackbox layer is not saved: " + model.describe());
    }
    sampleShape = sampleShape.clone();
    params = params.clone();
    if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
      throw new IllegalArgumentException("a saved model is FLOAT or DOUBLE, not " + dataType);
    }
  }

  /** The parameters of {@code net}, trained by trial {@code trialId} on examples shaped {@code sampleShape}. */
  public static SavedModel of(String trialId, ModelSpec model, int[] sampleShape, Network net) {
    return new SavedModel(trialId, model, sampleShape, net.classes(), net.dataType(),
        DataView.of(net.params()).toArray());
  }

  @Override
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  @Override
  public double[] params() {
    return params.clone();
  }

  /** The network rebuilt with these parameters. */
  public Network network() {
    Network net = Network.of(Networks.layers(model, sampleShape, classes), dataType, 1);
    if (net.numParams() != params.length) {
      throw new IllegalStateException("model " + model.describe() + " has " + net.numParams() + " parameters, the "
          + "saved vector " + params.length);
    }
    DataView.of(net.params()).copyFrom(params, 0, 0, params.length);
    return net;
  }

  /** Writes the model (the stream is flushed, not closed). */
  public void write(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(MAGIC);
    d.writeInt(VERSION);
    d.writeUTF(trialId);
    d.writeUTF(model.type());
    d.writeUTF(model.activation());
    d.writeUTF(model.frontend());
    d.writeUTF(model.head());
    writeInts(d, model.hidden().stream().mapToInt(Integer::intValue).toArray());
    d.writeInt(model.conv().size());
    for (ModelSpec.ConvSpec c : model.conv()) {
      writeInts(d, new int[] {c.filters(), c.kernel(), c.stride(), c.padding()});
    }
    d.writeInt(model.pool());
    writeInts(d, sampleShape);
    d.writeInt(classes);
    d.writeUTF(dataType.name());
    d.writeUTF(String.join(" ", describeLayers()));
    d.writeInt(params.length);
    for (double v : params) {
      d.writeDouble(v);
    }
    d.flush();
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @param where the file's name, for messages
   * @throws InvalidInputException if the content is not a saved model of this format, or is cut short
   */
  public static SavedModel read(InputStream in, String where) throws IOException {
    DataInputStream d = new DataInputStream(in);
    try {
      int magic = d.readInt();
      int version = d.readInt();
      if (magic != MAGIC || version < 1 || version > VERSION) {
        throw new InvalidInputException("Invalid model file " + where + ": it starts with "
            + Integer.toHexString(magic) + " version " + version + "; expected a backprop-lab model (BPLM) of "
            + "version 1 to " + VERSION + ".");
      }
      String trial = d.readUTF();
      String type = d.readUTF();
      String activation = d.readUTF();
      String frontend = d.readUTF();
      String head = version >= 2 ? d.readUTF() : "flatten";
      List<Integer> hidden = Arrays.stream(readInts(d)).boxed().toList();
      int convs = d.readInt();
      List<ModelSpec.ConvSpec> conv = new ArrayList<>();
      for (int i = 0; i < convs; i++) {
        int[] c = readInts(d);
        conv.add(new ModelSpec.ConvSpec(c[0], c[1], c[2], c[3]));
      }
      int pool = d.readInt();
      int[] shape = readInts(d);
      int classes = d.readInt();
      DataType type0 = DataType.valueOf(d.readUTF());
      String layers = d.readUTF();
      double[] params = new double[d.readInt()];
      for (int i = 0; i < params.length; i++) {
        params[i] = d.readDouble();
      }
      SavedModel m = new SavedModel(trial, new ModelSpec(type, hidden, activation, conv, pool, frontend, head, null), shape,
          classes, type0, params);
      String expected = String.join(" ", m.describeLayers());
      if (!expected.equals(layers)) {
        throw new InvalidInputException("Invalid model file " + where + ": it describes layers " + layers
            + " but its model builds " + expected + ".");
      }
      return m;
    } catch (EOFException e) {
      throw new InvalidInputException("Invalid model file " + where + ": it ends early; the file is cut short.", e);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Invalid model file " + where + ": " + e.getMessage(), e);
    }
  }

  private List<String> describeLayers() {
    List<String> out = new ArrayList<>();
    for (Layer l : Networks.layers(model, sampleShape, classes)) {
      out.add(l.describe());
    }
    return out;
  }

  private static void writeInts(DataOutputStream d, int[] values) throws IOException {
    d.writeInt(values.length);
    for (int v : values) {
      d.writeInt(v);
    }
  }

  private static int[] readInts(DataInputStream d) throws IOException {
    int n = d.readInt();
    if (n < 0 || n > 1_000) {
      throw new IllegalArgumentException("a list of " + n + " values; expected 0..1000");
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = d.readInt();
    }
    return out;
  }
}
