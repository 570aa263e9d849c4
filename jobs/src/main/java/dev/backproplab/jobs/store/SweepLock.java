package dev.backproplab.jobs.store;

import dev.backproplab.core.InvalidInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive claim on running one sweep into one results folder, so two runs of the same sweep at
 * once cannot both compute and commit its trials (ADR 0014).
 *
 * <p>The lock is the file {@code <results>/_locks/<sweep>.lock}, created only if absent (a new local
 * file, an HDFS create that refuses to overwrite). Its first line is a random ownership token; the
 * rest names the run. While held, a heartbeat thread checks every {@code stale/6} seconds that the
 * file still carries this run's token and touches it. A lock whose heartbeat is older than
 * {@code bpl.sweep.lock.stale-seconds} (default 60) by the <em>file system's</em> clock (the age is
 * the difference of two modification times the file system stamped, never the local clock against
 * the file system's), or that names a process on this host that no longer exists, belongs to a run
 * that died or stalled: the next run takes it over, which makes "kill the driver, run the same command
 * again" a resume.
 *
 * <p>Every change acts only on a lock the run owns. Takeover renames the stale file aside (one
 * rename of a given source succeeds), checks that what it moved is the lock it judged stale (else
 * puts it back), then creates the lock anew only if absent: two runs taking over one stale lock
 * cannot both win. Release reads the token before deleting. A run that finds another token in the
 * file (it was paused longer than the stale time and taken over) has lost the lock: {@link #verify}
 * throws {@link LostException} and the run stops before it commits another trial; every commit calls
 * it (through the serializable {@link Claim}, also on executors).
 *
 * <p>On object stores without an atomic create-if-absent or rename (S3 before conditional writes),
 * two runs started at the same moment can both create the lock; the token check before each commit
 * then stops the one whose token was overwritten, at the cost of the trial it was computing.
 */
public final class SweepLock implements AutoCloseable {
  /** The Hadoop configuration key of the stale time in seconds. */
  public static final String STALE_KEY = "bpl.sweep.lock.stale-seconds";
  static final int DEFAULT_STALE_SECONDS = 60;
  private static final Logger LOG = LoggerFactory.getLogger(SweepLock.class);
  private static final Pattern OWNER = Pattern.compile("host=(\\S+) pid=(\\d+) .*");
  private static final String HOST = hostName();

  private final Claim claim;
  private final FileSystem fs;
  private final Configuration conf;
  private final ScheduledExecutorService heartbeat;
  private volatile String lost;

  /**
   * What a commit needs to check that the run still owns its lock: the lock's path and the run's
   * token. Serializable, so tasks carry it to executors.
   */
  public record Claim(String path, String token) implements Serializable {
    /**
     * Checks that the lock file still carries this token.
     *
     * @throws LostException when it does not (taken over, deleted)
     */
    public void verify(Configuration conf) throws IOException {
      Path p = new Path(path);
      String found = SweepLock.token(read(p.getFileSystem(conf), p));
      if (!token.equals(found)) {
        throw new LostException("this run lost its lock " + path + " to another run ("
            + (found == null ? "the lock file is gone" : "it now holds token " + found)
            + "), most likely because this run was paused longer than the lock's stale time; it stopped"
            + " without committing another trial. Its committed trials are kept: run the sweep again to"
            + " resume it once the other run has finished.");
      }
    }
  }

  /** Thrown when a run finds that it no longer owns its lock. */
  public static final class LostException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    LostException(String message) {
      super(message);
    }
  }

  private SweepLock(FileSystem fs, Claim claim, Configuration conf, int staleSeconds) {
    this.fs = fs;
    this.claim = claim;
    this.conf = conf;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bpl-sweep-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long periodMillis = Math.max(100, staleSeconds * 1000L / 6);
    heartbeat.scheduleAtFixedRate(this::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of {@code sweepId} in the results folder {@code root}.
   *
   * @param application the Spark application that will run the sweep, for the message another run
   *     would see
   * @throws InvalidInputException when a live run holds it
   */
  static SweepLock acquire(String root, String sweepId, String application, Configuration conf)
      throws IOException {
    int staleSeconds = conf.getInt(STALE_KEY, DEFAULT_STALE_SECONDS);
    String token = UUID.randomUUID().toString();
    String text = token + "\nhost=" + HOST + " pid=" + ProcessHandle.current().pid() + " application="
        + application + " started=" + Instant.now();
    Path path = new Path(new Path(root, "_locks"), sweepId + ".lock");
    FileSystem fs = path.getFileSystem(conf);
    fs.mkdirs(path.getParent());
    for (int tries = 0; tries < 3; tries++) {
      if (create(fs, path, text)) {
        return new SweepLock(fs, new Claim(fs.makeQualified(path).toString(), token), conf, staleSeconds);
      }
      long lockTime;
      try {
        lockTime = fs.getFileStatus(path).getModificationTime();
      } catch (FileNotFoundException released) {
        continue;
      }
      String holder = read(fs, path);
      long ageSeconds = (fileSystemNow(fs, path.getParent(), token) - lockTime) / 1000;
      if (holder != null && ageSeconds < staleSeconds && !deadHereAndNow(owner(holder))) {
        throw new InvalidInputException(
            "sweep '" + sweepId + "' is already running into " + root + ": " + owner(holder) + " holds "
                + path + " (heartbeat " + ageSeconds + " s ago). Wait for it to finish, or use --fresh to"
                + " run the sweep again under a new id.");
      }
      if (holder != null) {
        LOG.warn("taking over the lock of sweep {} from a run that is gone or stalled (heartbeat {} s ago):"
            + " {}", sweepId, ageSeconds, owner(holder));
        moveAsideIfOwnedBy(fs, path, token(holder), token);
      }
    }
    throw new InvalidInputException("could not take the lock " + path + ": other runs keep taking it");
  }

  /** The current time by the file system's clock: the modification time of a file just written. */
  private static long fileSystemNow(FileSystem fs, Path dir, String token) throws IOException {
    Path probe = new Path(dir, ".clock-" + token);
    NewFiles.create(fs, probe, false).close();
    try {
      return fs.getFileStatus(probe).getModificationTime();
    } finally {
      fs.delete(probe, false);
    }
  }

  /**
   * Renames the lock at {@code path} aside if it still carries {@code expected}, and deletes it; puts
   * back anything else it moved. Of several runs doing this at once, one moves the file.
   */
  private static void moveAsideIfOwnedBy(FileSystem fs, Path path, String expected, String mine)
      throws IOException {
    Path aside = new Path(path.getParent(), "." + path.getName() + ".aside-" + mine);
    if (!moveAside(fs, path, aside)) {
      return; // another run moved it first, or its owner released it
    }
    String moved = token(read(fs, aside));
    if (expected.equals(moved)) {
      fs.delete(aside, false);
    } else if (!putBack(fs, aside, path)) {
      fs.delete(aside, false); // a third run holds the lock now; the one moved lost it and will stop
    }
  }

  /**
   * Renames {@code from} to the unused name {@code to}; false when {@code from} is gone. Of several
   * callers with one {@code from}, one succeeds (rename(2) locally; HDFS rename).
   */
  private static boolean moveAside(FileSystem fs, Path from, Path to) throws IOException {
    if (!"file".equals(fs.getScheme())) {
      return fs.rename(from, to);
    }
    try {
      Files.move(local(fs, from), local(fs, to), StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Renames {@code from} to {@code to} only if {@code to} does not exist (a hard link locally). */
  private static boolean putBack(FileSystem fs, Path from, Path to) throws IOException {
    if (!"file".equals(fs.getScheme())) {
      return fs.rename(from, to);
    }
    try {
      Files.createLink(local(fs, to), local(fs, from));
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    Files.delete(local(fs, from));
    return true;
  }

  private static java.nio.file.Path local(FileSystem fs, Path p) {
    return java.nio.file.Path.of(fs.makeQualified(p).toUri());
  }

  /** The token of a lock file's text (its first line), or null. */
  private static String token(String text) {
    return text == null ? null : text.lines().findFirst().orElse("").strip();
  }

  /** The owner description of a lock file's text (its second line), or the whole text. */
  private static String owner(String text) {
    return text.lines().skip(1).findFirst().orElse(text).strip();
  }

  /** Whether the lock names a process on this host that no longer runs. */
  static boolean deadHereAndNow(String holder) {
    Matcher m = OWNER.matcher(holder);
    return m.matches() && m.group(1).equals(HOST)
        && ProcessHandle.of(Long.parseLong(m.group(2))).map(p -> !p.isAlive()).orElse(true);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static boolean create(FileSystem fs, Path path, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if ("file".equals(fs.getScheme())) {
      try {
        Files.write(local(fs, path), bytes,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** The text of the lock file, or null when there is none. */
  private static String read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** What commits of this run check (see {@link Claim#verify}). */
  public Claim claim() {
    return claim;
  }

  /**
   * Checks that this run still owns the lock, as the heartbeat last found it and as the file says now.
   *
   * @throws LostException when it does not
   */
  public void verify() throws IOException {
    if (lost != null) {
      throw new LostException(lost);
    }
    claim.verify(conf);
  }

  private void beat() {
    try {
      claim.verify(conf);
      Path path = new Path(claim.path());
      fs.setTimes(path, fileSystemNow(fs, path.getParent(), claim.token()), -1);
    } catch (LostException e) {
      lost = e.getMessage();
      LOG.error(e.getMessage());
      heartbeat.shutdown();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not refresh the sweep lock {}: {}", claim.path(), e.toString());
    }
  }

  /** Releases the lock if this run still owns it; a lock another run took over is left to that run. */
  @Override
  public void close() throws IOException {
    heartbeat.shutdownNow();
    Path path = new Path(claim.path());
    try {
      if (claim.token().equals(token(read(fs, path)))) {
        moveAsideIfOwnedBy(fs, path, claim.token(), claim.token());
      }
    } catch (IOException e) {
      throw new IOException("could not release the sweep lock " + path, e);
    }
  }
}
