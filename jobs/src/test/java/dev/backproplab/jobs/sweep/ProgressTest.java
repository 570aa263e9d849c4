package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.method.Method;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.TrialStatus;
import dev.backproplab.jobs.Catalogue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep's progress: plain lines for logs, a redrawn status line for terminals. */
class ProgressTest {
  static TrialSpec spec(String id, String lr) {
    Method.Resolved bp = Catalogue.METHODS.get("bp").resolve(Map.of("lr", Double.valueOf(lr)), "test");
    return new TrialSpec("s", id, "digits", new ModelSpec("mlp", List.of(8), "tanh"), bp.params(), bp.config(),
        new Budget(1, null, null), 7);
  }

  static final List<TrialSpec> TRIALS = List.of(spec("a", "0.1"), spec("b", "0.01"), spec("c", "1e30"));

  static TrialOutcome outcome(String id, TrialStatus status, double acc) {
    return new TrialOutcome(id, status, null, acc, acc, 1.0, 100, 1, "0@host", Double.NaN, acc);
  }

  @Test
  void plainLinesCarryRunningFailedAndTheBestSoFar() {
    StringWriter w = new StringWriter();
    Progress p = new Progress(TRIALS, 3, new PrintWriter(w, true), false);
    p.finished(outcome("a", TrialStatus.COMPLETED, 0.9));
    p.finished(outcome("c", TrialStatus.DIVERGED, Double.NaN));
    p.finished(outcome("b", TrialStatus.COMPLETED, 0.8));
    String[] lines = w.toString().split("\n");
    assertEquals(3, lines.length, w.toString());
    assertTrue(lines[0].startsWith("[1/3] bp     lr=0.1"), lines[0]);
    assertTrue(lines[1].endsWith("running 0, failed 1, best val 0.9000 (bp lr=0.1)"), lines[1]);
    assertTrue(lines[2].endsWith("failed 1, best val 0.9000 (bp lr=0.1)"), lines[2]);
    assertFalse(w.toString().contains("\r"), "no terminal control in logs");
    assertEquals(3, p.summary().outcomes().size());
  }

  @Test
  void aTerminalGetsAStatusLineRedrawnUnderTheFinishedTrials() {
    StringWriter w = new StringWriter();
    Progress p = new Progress(TRIALS, 3, new PrintWriter(w, true), true);
    p.listener().onTaskStart(null);
    p.listener().onTaskStart(null);
    p.finished(outcome("b", TrialStatus.COMPLETED, 0.8));
    p.listener().onTaskEnd(null);
    assertTrue(w.toString().startsWith("\r\033[K[1/3] bp"), w.toString());
    assertTrue(w.toString().contains("\n1/3 done, running 2, failed 0, best val 0.8000 (bp lr=0.01)"), w.toString());
    assertTrue(p.statusLine().startsWith("1/3 done, running 1, failed 0"), p.statusLine());
    p.summary();
    assertTrue(w.toString().endsWith("\r\033[K"), "the status line is cleared before the summary");
  }
}
