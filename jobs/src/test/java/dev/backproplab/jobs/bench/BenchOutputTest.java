package dev.backproplab.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The two output forms of the benches: tables for people, one JSON object per figure for tracking. */
class BenchOutputTest {

  @Test
  void jsonFormPrintsOneObjectPerFigureAndNoTableText() {
    StringWriter text = new StringWriter();
    BenchOutput out = new BenchOutput(new PrintWriter(text), BenchOutput.Format.JSON, "train", 2);
    out.printf("a table line %d%n", 1);
    out.println("another");
    out.figure("samples_per_second", 1234.5, "samples/s", "implementation", "say \"hi\"\n", "rounds", 5);
    out.figure("ratio", Double.NaN, "x");
    out.flush();
    String[] lines = text.toString().split("\n");
    assertEquals(2, lines.length, text.toString());
    String first = lines[0];
    assertTrue(first.startsWith("{\"suite\":\"train\",\"figure\":\"samples_per_second\",\"value\":1234.5,"
        + "\"unit\":\"samples/s\",\"implementation\":\"say \\\"hi\\\"\\n\",\"rounds\":5,"), first);
    assertTrue(first.contains("\"blas_threads\":2,") && first.contains("\"kernels\":\"")
        && first.contains("\"load_avg_1m\":") && first.endsWith("}"), first);
    assertTrue(lines[1].contains("\"value\":null"), lines[1]);
  }

  @Test
  void tableFormPrintsTheTableOnly() {
    StringWriter text = new StringWriter();
    BenchOutput out = new BenchOutput(new PrintWriter(text), BenchOutput.Format.TABLE, "sweep", 1);
    out.printf("overhead %.1f ms%n", 12.25);
    out.figure("overhead_per_trial", 12.25, "ms");
    out.flush();
    assertEquals("overhead 12.3 ms\n", text.toString());
  }
}
