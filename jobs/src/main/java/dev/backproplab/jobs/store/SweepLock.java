package dev.backproplab.jobs.store;

import dev.backproplab.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive claim on running one sweep into one results folder, so two runs of the same sweep at
 * once cannot both compute and commit its trials. The lock is a file,
 * {@code <results>/_locks/<sweep>.lock}, created atomically (a new local file, or an HDFS create that
 * refuses to overwrite) and touched every {@link #HEARTBEAT_SECONDS} seconds while held. A lock whose
 * heartbeat is older than {@link #STALE_SECONDS}, or that names a process on this host that no
 * longer exists, belongs to a driver that died (killed, lost its machine): the next run takes it
 * over, which is what makes "kill the driver, run the same command again" a resume. On object stores without atomic create (S3) two runs started within the same
 * second can both win; schedule them apart.
 */
public final class SweepLock implements AutoCloseable {
  static final int HEARTBEAT_SECONDS = 10;
  static final int STALE_SECONDS = 60;
  private static final Logger LOG = LoggerFactory.getLogger(SweepLock.class);

  private final FileSystem fs;
  private final Path path;
  private final ScheduledExecutorService heartbeat;

  private SweepLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bpl-sweep-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  private static final Pattern OWNER = Pattern.compile("host=(\\S+) pid=(\\d+) .*");

  /**
   * Takes the lock of {@code sweepId} in the results folder {@code root}.
   *
   * @param application the Spark application that will run the sweep, for the message another run
   *     would see
   * @throws InvalidInputException when a live run holds it
   */
  static SweepLock acquire(String root, String sweepId, String application, Configuration conf)
      throws IOException {
    String owner = "host=" + HOST + " pid=" + ProcessHandle.current().pid() + " application="
        + application + " started=" + java.time.Instant.now();
    Path path = new Path(new Path(root, "_locks"), sweepId + ".lock");
    FileSystem fs = path.getFileSystem(conf);
    fs.mkdirs(path.getParent());
    for (int tries = 0; tries < 2; tries++) {
      if (create(fs, path, owner)) {
        return new SweepLock(fs, path);
      }
      FileStatus st;
      try {
        st = fs.getFileStatus(path);
      } catch (java.io.FileNotFoundException released) {
        continue;
      }
      long ageSeconds = (System.currentTimeMillis() - st.getModificationTime()) / 1000;
      String holder = read(fs, path);
      if (ageSeconds < STALE_SECONDS && !deadHereAndNow(holder)) {
        throw new InvalidInputException(
            "sweep '" + sweepId + "' is already running into " + root + ": " + holder + " holds " + path
                + " (heartbeat " + ageSeconds + " s ago). Wait for it to finish, or use --fresh to run"
                + " the sweep again under a new id.");
      }
      LOG.warn("taking over the lock of sweep {} from a run that is gone: {}", sweepId, holder);
      fs.delete(path, false);
    }
    throw new InvalidInputException("could not take the lock " + path + ": another run keeps taking it");
  }

  /** Whether the lock names a process on this host that no longer runs. */
  static boolean deadHereAndNow(String holder) {
    Matcher m = OWNER.matcher(holder);
    return m.matches() && m.group(1).equals(HOST)
        && ProcessHandle.of(Long.parseLong(m.group(2))).map(p -> !p.isAlive()).orElse(true);
  }

  private static final String HOST = hostName();

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static boolean create(FileSystem fs, Path path, String owner) throws IOException {
    byte[] text = owner.getBytes(StandardCharsets.UTF_8);
    if ("file".equals(fs.getScheme())) {
      try {
        Files.write(java.nio.file.Path.of(fs.makeQualified(path).toUri()), text,
            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(text);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static String read(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "another run";
    }
  }

  private void touch() {
    try {
      fs.setTimes(path, System.currentTimeMillis(), -1);
    } catch (IOException e) {
      LOG.warn("could not refresh the sweep lock {}: {}", path, e.toString());
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not release the sweep lock " + path, e);
    }
  }
}
