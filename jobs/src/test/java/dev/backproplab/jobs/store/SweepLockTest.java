package dev.backproplab.jobs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
      first.verify();
    }
    assertFalse(Files.exists(file));
    store.lock("s1", "run B", conf).close();
  }

  @Test
  void aLockWhoseHeartbeatStoppedIsTakenOver() throws Exception {
    ResultsStore store = new ResultsStore(dir.toString());
    Path file = staleLock("a driver that was killed");
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
    Files.writeString(file, "t0\nhost=" + host + " pid=" + gone.pid() + " application=app-1 started=now");
    assertTrue(SweepLock.deadHereAndNow("host=" + host + " pid=" + gone.pid() + " application=app-1 started=now"));
    store.lock("s1", "run B", conf).close();
    Files.writeString(file, "t1\nhost=" + host + " pid=" + ProcessHandle.current().pid() + " application=me started=now");
    assertThrows(InvalidInputException.class, () -> store.lock("s1", "run C", conf));
  }

  @Test
  void ofManyRunsTakingOverOneStaleLockAtOnceExactlyOneOwnsIt() throws Exception {
    for (int round = 0; round < 5; round++) {
      staleLock("t-old\nhost=elsewhere pid=1 application=old started=then");
      int runs = 6;
      ExecutorService pool = Executors.newFixedThreadPool(runs);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<SweepLock>> tries = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        String name = "run " + i;
        tries.add(pool.submit(() -> {
          start.await();
          try {
            return new ResultsStore(dir.toString()).lock("s1", name, conf);
          } catch (InvalidInputException refused) {
            return null;
          }
        }));
      }
      start.countDown();
      List<SweepLock> winners = new ArrayList<>();
      for (Future<SweepLock> f : tries) {
        if (f.get() != null) {
          winners.add(f.get());
        }
      }
      pool.shutdown();
      // a run may take the lock and lose it at once to a racing taker; at most one still owns it
      List<SweepLock> owners = new ArrayList<>();
      for (SweepLock w : winners) {
        try {
          w.verify();
          owners.add(w);
        } catch (SweepLock.LostException lost) {
          w.close();
        }
      }
      assertEquals(1, owners.size(), "round " + round + ": one owner of " + winners.size() + " takers");
      owners.get(0).close();
      assertFalse(Files.exists(dir.resolve("_locks/s1.lock")));
    }
  }

  @Test
  void releaseLeavesALockAnotherRunTookOver() throws Exception {
    ResultsStore store = new ResultsStore(dir.toString());
    Path file = dir.resolve("_locks/s1.lock");
    SweepLock mine = store.lock("s1", "run A", conf);
    Files.writeString(file, "someone-else\nhost=elsewhere pid=1 application=B started=now");
    SweepLock.LostException e = assertThrows(SweepLock.LostException.class, mine::verify);
    assertTrue(e.getMessage().contains("lost its lock") && e.getMessage().contains("someone-else"), e.getMessage());
    mine.close();
    assertTrue(Files.readString(file).startsWith("someone-else"), "the other run's lock stays");
  }

  /**
   * The fault of a paused run: the owner is SIGSTOPped past the stale time, a second run takes the
   * lock over, and when the owner resumes it finds the lock lost, stops and says so (exit 1) without
   * deleting the second run's lock.
   */
  @Test
  void aRunPausedPastTheStaleTimeLosesItsLockAndStopsWhenItResumes() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), dir.toString(), "s1", "2").redirectErrorStream(true).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null && !line.equals("held")) {
        // skip logging
      }
      assertEquals("held", line);
      Configuration shortStale = new Configuration();
      shortStale.setInt(SweepLock.STALE_KEY, 2);
      ResultsStore store = new ResultsStore(dir.toString());
      assertThrows(InvalidInputException.class, () -> store.lock("s1", "run B", shortStale), "live holder");
      signal("STOP", holder.pid());
      Thread.sleep(3500);
      try (SweepLock taken = store.lock("s1", "run B", shortStale)) {
        signal("CONT", holder.pid());
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "the paused run stops");
        StringBuilder rest = new StringBuilder();
        while ((line = lines.readLine()) != null) {
          rest.append(line).append('\n');
        }
        assertEquals(1, holder.exitValue(), rest.toString());
        assertTrue(rest.toString().contains("this run lost its lock"), rest.toString());
        taken.verify();
        assertTrue(Files.readString(dir.resolve("_locks/s1.lock")).contains("application=run B"));
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  private static void signal(String name, long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor());
  }

  private Path staleLock(String text) throws Exception {
    Path file = Files.createDirectories(dir.resolve("_locks")).resolve("s1.lock");
    Files.writeString(file, text);
    Files.setLastModifiedTime(file,
        FileTime.fromMillis(System.currentTimeMillis() - (SweepLock.DEFAULT_STALE_SECONDS + 5) * 1000L));
    return file;
  }
}
