package dev.backproplab.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of backprop-lab in this build, recorded with every result row, and of what it bundles. */
public final class BuildInfo {
  private static final Properties PROPERTIES = load();

  private BuildInfo() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return PROPERTIES.getProperty("version");
  }

  /** The version of Chart.js that reports inline (the webjar on the class path). */
  public static String chartJsVersion() {
    return PROPERTIES.getProperty("chartjs.version");
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
