package dev.backproplab.jobs;

import dev.backproplab.jobs.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code bpl} in-process and captures what it prints. */
public record Cli(int exitCode, String out, String err) {

  public static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString());
  }
}
