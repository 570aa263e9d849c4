package dev.backproplab.jobs.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;

/**
 * A second process for {@link SweepLockTest}: takes the lock of a sweep with a short stale time,
 * says "held", then checks it every 50 ms as a run does before each commit, until its standard input
 * closes (exit 0, lock released) or it finds the lock lost (the message, exit 1).
 */
final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    conf.setInt(SweepLock.STALE_KEY, Integer.parseInt(args[2]));
    SweepLock lock = SweepLock.acquire(args[0], args[1], "holder", conf);
    System.out.println("held");
    System.out.flush();
    Thread stdin = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        while (r.readLine() != null) {
          // wait for the end of input
        }
      } catch (java.io.IOException ignored) {
        // ends as at end of input
      }
    });
    stdin.start();
    try {
      while (stdin.isAlive()) {
        lock.verify();
        Thread.sleep(50);
      }
      lock.close();
      System.exit(0);
    } catch (SweepLock.LostException e) {
      System.out.println(e.getMessage());
      System.out.flush();
      lock.close();
      System.exit(1);
    }
  }
}
