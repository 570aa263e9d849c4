package dev.backproplab.jobs.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.blackbox.BlackboxSpec;
import dev.backproplab.core.Names;
import dev.backproplab.core.data.Holdout;
import dev.backproplab.core.Suggest;
import dev.backproplab.core.sweep.Distribution;
import dev.backproplab.core.sweep.MethodBlock;
import dev.backproplab.core.stopping.StoppingSpec;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.tune.TuneSpec;
import dev.backproplab.core.sweep.Tolerances;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a sweep file (the format in docs/design.md) into a {@link SweepSpec}. Every key is checked:
 * an unknown key is an error naming the nearest known one, a value of the wrong type names the key,
 * its line and what was expected. Nothing is ignored silently.
 */
public final class SweepFileParser {
  private static final Set<String> TOP =
      Set.of("name", "seed", "dataset", "model", "budget", "repeats", "methods", "description",
          "max_trial_seconds", "early_stopping", "validation", "compare", "save_models");
  private static final Set<String> STOPPING =
      Set.of("rule", "metric", "grace_epochs", "reduction_factor", "min_trials");
  private static final Set<String> COMPARE = Set.of("accuracy_drop", "alpha", "target", "samples_ratio",
      "seconds_ratio", "failures");
  private static final Set<String> MODEL = Set.of("type", "hidden", "activation", "conv", "pool", "frontend", "head",
      "blackbox");
  private static final Set<String> CONV = Set.of("filters", "kernel", "stride", "padding");
  private static final Set<String> BUDGET = Set.of("epochs", "samples", "seconds");
  private static final Set<String> BLOCK = Set.of("method", "params", "grid", "random", "budget", "model", "tune");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final String file;

  private SweepFileParser(String file) {
    this.file = file;
  }

  /**
   * Parses {@code text}, read from {@code file} (used in messages).
   *
   * @throws InvalidInputException for malformed YAML or any invalid key or value
   */
  public static SweepSpec parse(String text, String file) {
    SweepFileParser parser = new SweepFileParser(file);
    return parser.sweep(parser.compose(text));
  }

  private Node compose(String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new InvalidInputException(
          file + " is not valid YAML: " + e.getProblem() + " at line "
              + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1));
    } catch (YAMLException e) {
      throw new InvalidInputException(file + " is not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new InvalidInputException(file + " is empty: expected a sweep (see conf/sweeps/quickstart.yaml)");
    }
    return root;
  }

  /**
   * The tolerances of {@code bpl compare} in the sweep file {@code text} (its {@code compare:} block;
   * {@link Tolerances#DEFAULT} where it gives none), read from {@code file} (used in messages).
   *
   * @throws InvalidInputException for malformed YAML or an invalid {@code compare:} block
   */
  public static Tolerances tolerances(String text, String file) {
    SweepFileParser parser = new SweepFileParser(file);
    Node root = parser.compose(text);
    Map<String, Node> top = parser.mapping(root, "the top level", null);
    return top.containsKey("compare") ? parser.compare(top.get("compare")) : Tolerances.DEFAULT;
  }

  private Tolerances compare(Node node) {
    Map<String, Node> m = mapping(node, "compare", COMPARE);
    Tolerances d = Tolerances.DEFAULT;
    double drop = m.containsKey("accuracy_drop") ? number(m.get("accuracy_drop"), "compare.accuracy_drop") : d.accuracyDrop();
    double alpha = m.containsKey("alpha") ? number(m.get("alpha"), "compare.alpha") : d.alpha();
    double target = m.containsKey("target") ? number(m.get("target"), "compare.target") : d.target();
    double samples = m.containsKey("samples_ratio") ? number(m.get("samples_ratio"), "compare.samples_ratio") : d.samplesRatio();
    double seconds = m.containsKey("seconds_ratio") ? number(m.get("seconds_ratio"), "compare.seconds_ratio") : d.secondsRatio();
    int failures = m.containsKey("failures") ? positiveInt(m.get("failures"), "compare.failures", 0) : d.failures();
    return at(node, "compare", () -> new Tolerances(drop, alpha, target, samples, seconds, failures));
  }

  private SweepSpec sweep(Node root) {
    Map<String, Node> top = mapping(root, "the top level", TOP);
    for (String required : List.of("name", "dataset", "model", "budget", "methods")) {
      if (!top.containsKey(required)) {
        throw new InvalidInputException(file + ": the required key '" + required + "' is missing");
      }
    }
    String name = string(top.get("name"), "name");
    if (name.indexOf(SweepSpec.RUN_SEPARATOR) >= 0) {
      throw new InvalidInputException(where(top.get("name"), "name") + ": '" + name + "' holds a '"
          + SweepSpec.RUN_SEPARATOR + "': a name is letters, digits, '-' and '_' (give a run id with bpl sweep --run-id)");
    }
    if (top.containsKey("compare")) {
      compare(top.get("compare"));
    }
    long seed = top.containsKey("seed") ? integer(top.get("seed"), "seed") : 1L;
    int repeats = top.containsKey("repeats") ? intValue(top.get("repeats"), "repeats") : 1;
    ModelSpec model = at(top.get("model"), "model", () -> model(top.get("model"), "model", null));
    Budget budget = budget(top.get("budget"), "budget");
    List<MethodBlock> methods = new ArrayList<>();
    Node list = top.get("methods");
    if (!(list instanceof SequenceNode seq)) {
      throw typeError(list, "methods", "a list of methods");
    }
    for (int i = 0; i < seq.getValue().size(); i++) {
      methods.add(block(seq.getValue().get(i), "methods[" + i + "]", model));
    }
    String dataset = string(top.get("dataset"), "dataset");
    Double limit = top.containsKey("max_trial_seconds")
        ? number(top.get("max_trial_seconds"), "max_trial_seconds") : null;
    StoppingSpec stopping = top.containsKey("early_stopping") ? stopping(top.get("early_stopping")) : null;
    Holdout validation = top.containsKey("validation")
        ? at(top.get("validation"), "validation", () -> Holdout.of(number(top.get("validation"), "validation")))
        : Holdout.DEFAULT;
    boolean saveModels = top.containsKey("save_models") && bool(top.get("save_models"), "save_models");
    return at(root, "the sweep", () -> new SweepSpec(name, seed, dataset, model, budget, repeats, methods, limit,
        stopping, validation, saveModels));
  }

  private StoppingSpec stopping(Node node) {
    Map<String, Node> m = mapping(node, "early_stopping", STOPPING);
    if (!m.containsKey("rule")) {
      throw new InvalidInputException(where(node, "early_stopping") + ": the required key 'rule' is missing"
          + " (median or asha)");
    }
    String rule = string(m.get("rule"), "early_stopping.rule");
    String metric = m.containsKey("metric") ? string(m.get("metric"), "early_stopping.metric") : "val_loss";
    int grace = m.containsKey("grace_epochs") ? intValue(m.get("grace_epochs"), "early_stopping.grace_epochs") : 1;
    int eta = m.containsKey("reduction_factor")
        ? intValue(m.get("reduction_factor"), "early_stopping.reduction_factor") : 3;
    int minTrials = m.containsKey("min_trials") ? intValue(m.get("min_trials"), "early_stopping.min_trials") : 3;
    return at(node, "early_stopping", () -> new StoppingSpec(rule, metric, grace, eta, minTrials));
  }

  /** A model; keys not given come from {@code base} (the sweep's model, for a method block's). */
  private ModelSpec model(Node node, String key, ModelSpec base) {
    Map<String, Node> m = mapping(node, key, MODEL);
    String type = m.containsKey("type") ? string(m.get("type"), key + ".type")
        : base != null ? base.type() : "mlp";
    List<Integer> hidden = new ArrayList<>(base != null ? base.hidden() : List.of());
    if (m.containsKey("hidden")) {
      hidden.clear();
      for (Object v : list(m.get("hidden"), key + ".hidden")) {
        if (!(v instanceof Long l) || l < 1 || l > Integer.MAX_VALUE) {
          throw new InvalidInputException(
              where(m.get("hidden"), key + ".hidden") + ": expected positive integer widths, got " + v);
        }
        hidden.add((int) (long) l);
      }
    }
    String activation = m.containsKey("activation") ? string(m.get("activation"), key + ".activation")
        : base != null ? base.activation() : "relu";
    List<ModelSpec.ConvSpec> conv = new ArrayList<>(base != null && base.type().equals(type) ? base.conv() : List.of());
    if (m.containsKey("conv")) {
      conv.clear();
      Node list = m.get("conv");
      if (!(list instanceof SequenceNode seq)) {
        throw typeError(list, key + ".conv", "a list of convolutions, e.g. [{filters: 6, kernel: 5, padding: 2}]");
      }
      for (int i = 0; i < seq.getValue().size(); i++) {
        conv.add(conv(seq.getValue().get(i), key + ".conv[" + i + "]"));
      }
    }
    int defaultPool = base != null && base.type().equals(type) ? base.pool() : type.equals("cnn") ? 2 : 0;
    int pool = m.containsKey("pool") ? positiveInt(m.get("pool"), key + ".pool", 0) : defaultPool;
    String frontend = m.containsKey("frontend") ? string(m.get("frontend"), key + ".frontend")
        : base != null && base.type().equals(type) ? base.frontend() : "none";
    String head = m.containsKey("head") ? string(m.get("head"), key + ".head")
        : base != null && base.type().equals(type) ? base.head() : "flatten";
    BlackboxSpec blackbox = m.containsKey("blackbox") ? blackbox(m.get("blackbox"), key + ".blackbox")
        : base != null ? base.blackbox() : null;
    return new ModelSpec(type, hidden, activation, conv, pool, frontend, head, blackbox);
  }

  /** A blackbox layer's mapping, or {@code none} for a model without one (a block dropping the sweep's). */
  private BlackboxSpec blackbox(Node node, String key) {
    if (node instanceof ScalarNode s && s.getValue().equals("none")) {
      return null;
    }
    Map<String, Object> keys = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : mapping(node, key, null).entrySet()) {
      keys.put(e.getKey(), scalar(e.getValue(), key + "." + e.getKey()));
    }
    return BlackboxSpec.of(keys);
  }

  private ModelSpec.ConvSpec conv(Node node, String key) {
    Map<String, Node> c = mapping(node, key, CONV);
    for (String required : List.of("filters", "kernel")) {
      if (!c.containsKey(required)) {
        throw new InvalidInputException(where(node, key) + ": the required key '" + required
            + "' is missing; expected e.g. {filters: 6, kernel: 5, stride: 1, padding: 2}");
      }
    }
    int filters = positiveInt(c.get("filters"), key + ".filters", 1);
    int kernel = positiveInt(c.get("kernel"), key + ".kernel", 1);
    int stride = c.containsKey("stride") ? positiveInt(c.get("stride"), key + ".stride", 1) : 1;
    int padding = c.containsKey("padding") ? positiveInt(c.get("padding"), key + ".padding", 0) : 0;
    return at(node, key, () -> new ModelSpec.ConvSpec(filters, kernel, stride, padding));
  }

  /** An integer that fits in an int; the value as written when it does not (never a wrapped one). */
  int intValue(Node node, String key) {
    long v = integer(node, key);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new InvalidInputException(where(node, key) + ": " + v + " is out of range: expected an integer"
          + " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  /** An integer of at least {@code min} that fits in an int. */
  int positiveInt(Node node, String key, int min) {
    long v = integer(node, key);
    if (v < min || v > Integer.MAX_VALUE) {
      throw new InvalidInputException(where(node, key) + ": expected an integer >= " + min + ", got " + v);
    }
    return (int) v;
  }

  private Budget budget(Node node, String key) {
    Map<String, Node> b = mapping(node, key, BUDGET);
    Integer epochs = b.containsKey("epochs") ? intValue(b.get("epochs"), key + ".epochs") : null;
    Long samples = b.containsKey("samples") ? integer(b.get("samples"), key + ".samples") : null;
    Double seconds = b.containsKey("seconds") ? number(b.get("seconds"), key + ".seconds") : null;
    return at(node, key, () -> new Budget(epochs, samples, seconds));
  }

  private MethodBlock block(Node node, String key, ModelSpec sweepModel) {
    Map<String, Node> m = mapping(node, key, BLOCK);
    if (!m.containsKey("method")) {
      throw new InvalidInputException(where(node, key) + ": the required key 'method' is missing");
    }
    String method = string(m.get("method"), key + ".method");
    Map<String, Object> params = new LinkedHashMap<>();
    if (m.containsKey("params")) {
      for (Map.Entry<String, Node> e : mapping(m.get("params"), key + ".params", null).entrySet()) {
        params.put(e.getKey(), scalar(e.getValue(), key + ".params." + e.getKey()));
      }
    }
    Map<String, List<Object>> grid = new LinkedHashMap<>();
    if (m.containsKey("grid")) {
      for (Map.Entry<String, Node> e : mapping(m.get("grid"), key + ".grid", null).entrySet()) {
        grid.put(e.getKey(), list(e.getValue(), key + ".grid." + e.getKey()));
      }
    }
    int samples = 0;
    Map<String, Distribution> random = new LinkedHashMap<>();
    if (m.containsKey("random")) {
      for (Map.Entry<String, Node> e : mapping(m.get("random"), key + ".random", null).entrySet()) {
        String k = key + ".random." + e.getKey();
        if (e.getKey().equals("samples")) {
          samples = intValue(e.getValue(), k);
        } else {
          random.put(e.getKey(), distribution(e.getValue(), k));
        }
      }
      if (samples < 1) {
        throw new InvalidInputException(
            where(m.get("random"), key + ".random") + ": 'samples' must be given and >= 1");
      }
    }
    Budget budget = m.containsKey("budget") ? budget(m.get("budget"), key + ".budget") : null;
    ModelSpec model = m.containsKey("model")
        ? at(m.get("model"), key + ".model", () -> model(m.get("model"), key + ".model", sweepModel))
        : null;
    TuneSpec tune = m.containsKey("tune") ? TuneBlockParser.tune(this, m.get("tune"), key + ".tune") : null;
    int s = samples;
    return at(node, key, () -> new MethodBlock(method, params, grid, s, random, budget, model, tune));
  }

  private Distribution distribution(Node node, String key) {
    Map<String, Node> m = mapping(node, key, Set.copyOf(Names.all(Distribution.Kind.class)));
    if (m.size() != 1) {
      throw new InvalidInputException(
          where(node, key) + ": expected exactly one of uniform, loguniform, choice, e.g. {loguniform: [0.001, 0.1]}");
    }
    Map.Entry<String, Node> e = m.entrySet().iterator().next();
    List<Object> values = list(e.getValue(), key + "." + e.getKey());
    Distribution.Kind kind = Names.parse(Distribution.Kind.class, e.getKey(), key);
    return at(node, key, () -> new Distribution(kind, values));
  }

  // ---- typed access with located messages ----

  Map<String, Node> mapping(Node node, String key, Set<String> known) {
    if (!(node instanceof MappingNode map)) {
      throw typeError(node, key, "a mapping of keys to values");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
      if (k == null) {
        throw typeError(t.getKeyNode(), key, "plain keys");
      }
      if (known != null && !known.contains(k)) {
        throw new InvalidInputException(
            where(t.getKeyNode(), key) + ": unknown key '" + k + "'" + Suggest.didYouMean(k, known)
                + "; known keys here: " + known.stream().sorted().toList());
      }
      if (out.put(k, t.getValueNode()) != null) {
        throw new InvalidInputException(where(t.getKeyNode(), key) + ": key '" + k + "' appears twice");
      }
    }
    return out;
  }

  List<Object> list(Node node, String key) {
    if (!(node instanceof SequenceNode seq)) {
      throw typeError(node, key, "a list, e.g. [0.01, 0.1]");
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      out.add(scalar(seq.getValue().get(i), key + "[" + i + "]"));
    }
    return out;
  }

  private boolean bool(Node node, String key) {
    if (scalar(node, key) instanceof Boolean b) {
      return b;
    }
    throw typeError(node, key, "true or false");
  }

  /** A scalar as Long, Double, Boolean or String; a plain scalar that reads as a number is a number. */
  Object scalar(Node node, String key) {
    if (!(node instanceof ScalarNode s)) {
      throw typeError(node, key, "a single value");
    }
    String v = s.getValue();
    Tag tag = s.getTag();
    try {
      if (tag.equals(Tag.INT)) {
        return Long.decode(v.replace("_", ""));
      }
      if (tag.equals(Tag.FLOAT)) {
        double d = Double.parseDouble(v.replace("_", ""));
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      }
    } catch (NumberFormatException e) {
      throw typeError(node, key, tag.equals(Tag.INT) ? "a number that fits in 64 bits" : "a finite number");
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
    }
    if (tag.equals(Tag.NULL)) {
      throw typeError(node, key, "a value");
    }
    if (s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && NUMBER.matcher(v).matches()) {
      return Double.parseDouble(v); // YAML 1.1 reads 1e-3 as text; users mean a number
    }
    return v;
  }

  String string(Node node, String key) {
    Object v = scalar(node, key);
    if (!(v instanceof String s)) {
      throw typeError(node, key, "text");
    }
    return s;
  }

  long integer(Node node, String key) {
    Object v = scalar(node, key);
    if (!(v instanceof Long l)) {
      throw typeError(node, key, "an integer");
    }
    return l;
  }

  double number(Node node, String key) {
    Object v = scalar(node, key);
    if (!(v instanceof Number n)) {
      throw typeError(node, key, "a number");
    }
    return n.doubleValue();
  }

  InvalidInputException typeError(Node node, String key, String expected) {
    String found = node instanceof ScalarNode s ? "'" + s.getValue() + "'"
        : node instanceof SequenceNode ? "a list" : node instanceof MappingNode ? "a mapping" : "nothing";
    return new InvalidInputException(where(node, key) + ": expected " + expected + ", found " + found);
  }

  String where(Node node, String key) {
    return file + " line " + (node.getStartMark().getLine() + 1) + ", " + key;
  }

  /** Runs a constructor that validates, prefixing its message with the location. */
  <T> T at(Node node, String key, java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where(node, key) + ": " + e.getMessage(), e);
    }
  }
}
