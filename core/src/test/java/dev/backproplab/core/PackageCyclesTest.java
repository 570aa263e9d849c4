package dev.backproplab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's packages depend on each other without cycles: read from the import lines of every
 * main source file of every module (tests run from the project root).
 */
class PackageCyclesTest {
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.backproplab\\.[a-z.]+)\\.[A-Z]",
      Pattern.MULTILINE);

  @Test
  void noPackageCycles() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    for (String module : List.of("core", "datasets", "jobs")) {
      Path root = Path.of(module, "src", "main", "java");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
          Set<String> out = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
          Matcher m = IMPORT.matcher(Files.readString(f));
          while (m.find()) {
            if (!m.group(1).equals(pkg)) {
              out.add(m.group(1));
            }
          }
        }
      }
    }
    List<String> cycles = new ArrayList<>();
    for (String start : deps.keySet()) {
      findCycle(start, start, deps, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
    }
    assertEquals(List.of(), cycles);
  }

  private static void findCycle(String start, String at, Map<String, Set<String>> deps, List<String> path,
      Set<String> seen, List<String> cycles) {
    for (String next : deps.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        cycles.add(String.join(" -> ", path) + " -> " + start);
      } else if (seen.add(next) && next.compareTo(start) > 0) {
        path.add(next);
        findCycle(start, next, deps, path, seen, cycles);
        path.remove(path.size() - 1);
      }
    }
  }
}
