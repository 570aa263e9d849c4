package dev.backproplab.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.Cli;
import org.junit.jupiter.api.Test;

class MethodsCommandTest {
  @Test
  void listsEveryParameterWithItsDefaultAndRange() {
    Cli r = Cli.run("methods", "bp");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("bp: exact backpropagation (Rumelhart, Hinton & Williams 1986); runs: task\n"),
        r.out());
    assertTrue(r.out().matches("(?s).*\\n  lr +default 0\\.01 +lr > 0\\.0 +learning rate\\n.*"), r.out());
    Cli all = Cli.run("methods");
    assertTrue(all.out().contains("\nbp-dataparallel: ") && all.out().contains("; runs: cluster\n"), all.out());
    assertTrue(all.out().contains("\ncmaes: CMA-ES") && all.out().contains("; runs: task, search\n"), all.out());
    Cli convert = Cli.run("methods", "convert");
    assertTrue(convert.out().matches("(?s).*\n  model +default \\(required\\) .*"), convert.out());
    assertTrue(convert.out().matches("(?s).*\n  judges +default \\(none\\) .*"), convert.out());
  }

  @Test
  void anUnknownMethodIsBadInput() {
    Cli r = Cli.run("methods", "bpp");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown method 'bpp' (did you mean 'bp'?)"), r.err());
  }
}
