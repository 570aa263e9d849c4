package dev.backproplab.jobs.bench;

import dev.backproplab.core.nn.Kernels;
import dev.backproplab.jobs.BuildInfo;
import dev.backproplab.jobs.query.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a benchmark writes: its human-readable table ({@code --format table}), or one JSON object per
 * line for each figure it measured ({@code --format json}), so that figures can be tracked over commits.
 * A JSON line holds the suite, the figure's name, value and unit, the figure's own tags (implementation,
 * problem size...), and the context: version, host, CPU, cores, Java, BLAS threads, elementwise kernels
 * and the 1-minute load average when the figure was taken.
 */
public final class BenchOutput {
  /** The two forms. */
  public enum Format { TABLE, JSON }

  private final PrintWriter out;
  private final Format format;
  private final String suite;
  private final int threads;

  public BenchOutput(PrintWriter out, Format format, String suite, int threads) {
    this.out = out;
    this.format = format;
    this.suite = suite;
    this.threads = threads;
  }

  /** True for {@code --format json}. */
  public boolean json() {
    return format == Format.JSON;
  }

  /** Formatted table text; nothing in JSON form. */
  public BenchOutput printf(String format, Object... args) {
    if (!json()) {
      out.printf(Locale.ROOT, format, args);
    }
    return this;
  }

  /** A table line; nothing in JSON form. */
  public void println(String line) {
    if (!json()) {
      out.println(line);
    }
  }

  /**
   * One figure: a JSON line in JSON form, nothing in table form (the table prints it its own way).
   *
   * @param tags alternating names and values (strings or numbers) that tell this figure from its siblings
   */
  public void figure(String name, double value, String unit, Object... tags) {
    if (!json()) {
      return;
    }
    if (tags.length % 2 != 0) {
      throw new IllegalArgumentException("tags come in name, value pairs");
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("suite", suite);
    line.put("figure", name);
    line.put("value", value);
    line.put("unit", unit);
    for (int i = 0; i < tags.length; i += 2) {
      line.put((String) tags[i], tags[i + 1]);
    }
    line.put("version", BuildInfo.version());
    line.put("host", Machine.host());
    line.put("cpu", Machine.cpu());
    line.put("cores", Runtime.getRuntime().availableProcessors());
    line.put("java", System.getProperty("java.version"));
    line.put("blas_threads", threads);
    line.put("kernels", Kernels.get().describe());
    line.put("load_avg_1m", Machine.loadAverage()[0]);
    out.println(Json.of(line));
  }

  /** Flushes the stream. */
  public void flush() {
    out.flush();
  }
}
