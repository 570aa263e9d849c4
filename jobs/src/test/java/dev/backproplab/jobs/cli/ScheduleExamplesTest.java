package dev.backproplab.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The bpl commands of the shipped schedules (conf/schedule) parse with this build's options, and both
 * schedules run a sweep under a run id and then compare it: an example that rots fails here.
 */
class ScheduleExamplesTest {
  private static List<String> parse(List<String> args) {
    CommandLine.ParseResult r = new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
    return List.of(r.subcommand().commandSpec().name());
  }

  @Test
  void cronLineRunsTheSweepUnderARunIdThenCompares() throws Exception {
    String cron = Files.readAllLines(Path.of("conf/schedule/crontab.example")).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElseThrow();
    assertTrue(!cron.contains("%"), "cron turns % into a line break");
    List<String> commands = new ArrayList<>();
    Matcher m = Pattern.compile("\\$submit ((?:sweep|compare) [^>]*?) >>").matcher(cron);
    while (m.find()) {
      List<String> args = new ArrayList<>();
      for (String a : m.group(1).trim().split(" +")) {
        args.add(a.replaceAll("^'|'$", ""));
      }
      commands.addAll(parse(args));
      if (args.get(0).equals("sweep")) {
        assertTrue(args.contains("--run-id"), cron);
      }
    }
    assertEquals(List.of("sweep", "compare"), commands, cron);
  }

  @Test
  void airflowDagRunsTheSweepUnderARunIdThenCompares() throws Exception {
    String dag = Files.readString(Path.of("conf/schedule/airflow_nightly_sweep.py"));
    List<String> commands = new ArrayList<>();
    Matcher call = Pattern.compile("\\n        bpl\\((.*)\\)\\n").matcher(dag);
    while (call.find()) {
      List<String> args = new ArrayList<>();
      Matcher arg = Pattern.compile("f?\"([^\"]*)\"").matcher(call.group(1));
      while (arg.find()) {
        args.add(arg.group(1).replace("{ds}", "2026-11-30"));
      }
      commands.addAll(parse(args));
    }
    assertEquals(List.of("sweep", "compare"), commands, dag);
    assertTrue(dag.contains("\"--run-id\", f\"nightly-{ds}\"") && dag.contains("AirflowFailException"), dag);
  }
}
