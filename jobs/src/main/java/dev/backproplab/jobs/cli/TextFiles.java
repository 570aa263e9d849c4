package dev.backproplab.jobs.cli;

import dev.backproplab.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import dev.backproplab.jobs.Spark;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads small text files given on the command line, through Hadoop so URIs work too. */
final class TextFiles {
  private TextFiles() {}

  static String read(String location, String what) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(Spark.hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new InvalidInputException(what + " " + location + " does not exist");
      }
      if (fs.getFileStatus(path).isDirectory()) {
        throw new InvalidInputException(what + " " + location + " is a folder: expected a file");
      }
      try (InputStream in = fs.open(path)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + " " + location + ": " + e.getMessage(), e);
    }
  }
}
