package dev.backproplab.jobs.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLockTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  @Test
  void aSecondRunIsRefusedWhileTheFirstHoldsTheLockAndMayRunAfter() throws Exception {
    ResultsStore store = new ResultsStore(dir.toString());
    Path file = dir.resolve("_locks/s1.lock");
    try (SweepLock first = store.lock("s1", "run A", conf)) {
      assertTrue(Files.exists(file));
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.lock("s1", "run B", conf));
      assertTrue(e.getMessage().contains("sweep 's1' is already running into")
          && e.getMessage().contains("pid=" + ProcessHandle.current().pid() + " application=run A"), e.getMessage());
      store.lock("s2", "run C", conf).close(); // another sweep is not blocked
    }
    assertFalse(Files.exists(file));
    store.lock("s1", "run B", conf).close();
  }

  @Test
  void aLockWhoseHeartbeatStoppedIsTakenOver() throws Exception {
    ResultsStore store = new ResultsStore(dir.toString());
    Path file = Files.createDirectories(dir.resolve("_locks")).resolve("s1.lock");
    Files.writeString(file, "a driver that was killed");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - (SweepLock.STALE_SECONDS + 5) * 1000L));
    try (SweepLock lock = store.lock("s1", "run B", conf)) {
      assertTrue(Files.readString(file).contains("application=run B"));
    }
  }

  @Test
  void aLockOfAProcessThatIsGoneFromThisHostIsTakenOverAtOnce() throws Exception {
    ResultsStore store = new ResultsStore(dir.toString());
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path file = Files.createDirectories(dir.resolve("_locks")).resolve("s1.lock");
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(file, "host=" + host + " pid=" + gone.pid() + " application=app-1 started=now");
    assertTrue(SweepLock.deadHereAndNow(Files.readString(file)));
    store.lock("s1", "run B", conf).close();
    Files.writeString(file, "host=" + host + " pid=" + ProcessHandle.current().pid() + " application=me started=now");
    assertThrows(InvalidInputException.class, () -> store.lock("s1", "run C", conf));
  }
}
