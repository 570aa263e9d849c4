package dev.backproplab.jobs.cli;

import dev.backproplab.core.method.Method;
import dev.backproplab.core.method.ParamDef;
import dev.backproplab.jobs.Catalogue;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpl methods [METHOD...]}: the methods a sweep file can name and the parameters each takes. */
@Command(
    name = "methods",
    mixinStandardHelpOptions = true,
    description = {"List the methods a sweep file can name: what each is, where its trials run (task: one",
        "Spark task per trial; cluster: one trial across the cluster, from the driver; search: can run",
        "as bpl search), and every parameter with its default, its allowed values and what it means.",
        "Exit codes: 0 done; 2 unknown method."})
final class MethodsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "METHOD", arity = "0..*", description = "Methods to describe. Default: all.")
  List<String> methods;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Method<?>> chosen = methods == null || methods.isEmpty()
        ? List.copyOf(Catalogue.METHODS.all())
        : methods.stream().<Method<?>>map(Catalogue.METHODS::get).toList();
    for (Method<?> m : chosen) {
      out.printf("%s: %s; runs: %s%n", m.name(), m.summary(),
          String.join(", ", m.placements().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList()));
      for (ParamDef d : m.params().values()) {
        String def = !d.defaultValue().isEmpty() ? d.defaultValue()
            : d.pattern() != null && "".matches(d.pattern()) ? "(none)" : "(required)";
        out.printf("  %-22s default %-10s %-40s %s%n", d.name(), def, d.range(), d.doc());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
