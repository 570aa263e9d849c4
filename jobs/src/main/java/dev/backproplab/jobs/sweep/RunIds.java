package dev.backproplab.jobs.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.sweep.SweepSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in the run id template of {@code bpl sweep --run-id}, so a schedule can name its runs without
 * a script: {@code {date}} the UTC date ({@code 2026-11-30}), {@code {time}} the UTC time of day
 * ({@code 023000}), {@code {commit}} the first 12 characters of the git commit the build was made from,
 * {@code {counter}} the lowest number from 1 up whose run does not exist yet in the results folder.
 * Everything else is kept as written; the result must be a valid run id (letters, digits, '-', '_').
 *
 * <p>A template that gives the same id again (the date, the commit) resumes that run when it is run
 * again; {@code {counter}} always starts a new run (give the number itself to resume one).
 */
public final class RunIds {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

  private RunIds() {}

  /**
   * The run id {@code template} stands for.
   *
   * @param name the sweep's name
   * @param now the time of the run
   * @param commit the build's full git commit id, or null when unknown
   * @param existing the sweep ids already in the results folder (for {@code {counter}})
   * @throws InvalidInputException for an unknown placeholder, {@code {commit}} in a build without a
   *     known commit, or a result that is not a valid run id
   */
  public static String fill(String template, String name, Instant now, String commit, Collection<String> existing) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "date" -> DATE.format(now);
        case "time" -> TIME.format(now);
        case "commit" -> {
          if (commit == null) {
            throw new InvalidInputException("--run-id '" + template + "': {commit} is unknown: this build was"
                + " made outside a git work tree; use {date}, {time}, {counter} or a literal id");
          }
          yield commit.substring(0, Math.min(12, commit.length()));
        }
        case "counter" -> "{counter}";
        default -> throw new InvalidInputException("--run-id '" + template + "': unknown placeholder {"
            + m.group(1) + "}; expected {date}, {time}, {commit} or {counter}");
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    String filled = out.toString();
    if (filled.contains("{counter}")) {
      int n = 1;
      while (existing.contains(name + SweepSpec.RUN_SEPARATOR + filled.replace("{counter}", Integer.toString(n)))) {
        n++;
      }
      filled = filled.replace("{counter}", Integer.toString(n));
    }
    return filled;
  }
}
