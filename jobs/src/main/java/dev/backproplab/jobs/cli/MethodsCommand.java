package dev.backproplab.jobs.cli;

import dev.backproplab.core.trial.Methods;
import dev.backproplab.core.trial.ParamDef;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpl methods [METHOD...]}: the methods a sweep file can name and the parameters each takes. */
@Command(
    name = "methods",
    mixinStandardHelpOptions = true,
    description = {"List the methods a sweep file can name, with every parameter: its default, its allowed",
        "values and what it means. Exit codes: 0 done; 2 unknown method."})
final class MethodsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "METHOD", arity = "0..*", description = "Methods to describe. Default: all.")
  List<String> methods;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (String m : methods == null || methods.isEmpty() ? Methods.AVAILABLE : methods) {
      out.println(m);
      for (ParamDef d : Methods.params(m).values()) {
        out.printf("  %-22s default %-10s %-40s %s%n", d.name(), d.defaultValue(), d.range(), d.doc());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
