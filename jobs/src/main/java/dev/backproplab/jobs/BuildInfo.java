package dev.backproplab.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The build of backprop-lab that runs: its version and the git commit it was built from (with the
 * dirty flag: uncommitted changes in the work tree), filled in at build time by Maven (the
 * git-commit-id plugin) and recorded with every result row, and the version of what it bundles.
 */
public final class BuildInfo {
  private static final Properties BUILD = load();

  private BuildInfo() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return BUILD.getProperty("version");
  }

  /** The full git commit id of the build, or null when it was built outside a git work tree. */
  public static String commit() {
    return known(BUILD.getProperty("git.commit"));
  }

  /** Whether the build's work tree had uncommitted changes; null when unknown. */
  public static Boolean dirty() {
    String d = known(BUILD.getProperty("git.dirty"));
    return d == null ? null : Boolean.valueOf(d);
  }

  /** A property Maven left unfilled (no git directory) reads as unknown. */
  private static String known(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? null : value;
  }

  /** The version of Chart.js that reports inline (the webjar on the class path). */
  public static String chartJsVersion() {
    return BUILD.getProperty("chartjs.version");
  }

  private static Properties load() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
