package dev.backproplab.jobs.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockUpdatedInfo;

/**
 * The bytes Spark itself reports having moved while it is registered, per executor: a
 * {@link SparkListener} reading each finished task's metrics (the serialized size of its result sent
 * back to the driver, shuffle bytes read and written, input bytes read) and the block manager's
 * updates of broadcast pieces (the compressed, serialized pieces a broadcast is cut into: stored once
 * by the driver, which sends them to executors on request, and once more by every executor that
 * fetched them). Nothing here is estimated: every figure is a size Spark recorded.
 *
 * <p>What a listener cannot see: the bytes of each serialized task (its partition, which for
 * {@code parallelize} carries the partition's elements). Spark logs that size when it launches a task
 * but reports it in no metric or event, so callers that ship data inside tasks keep their own
 * estimate of that part and print both.
 *
 * <p>Counts from {@link #register} to {@link #close}; {@link #settle} waits until the listener bus has
 * delivered the events of the jobs already finished. Thread-safe.
 */
public final class SparkTraffic extends SparkListener implements AutoCloseable {
  private final SparkContext sc;
  private final Map<String, long[]> byExecutor = new TreeMap<>();

  private static final int TASKS = 0;
  private static final int RESULT = 1;
  private static final int BROADCAST = 2;
  private static final int SHUFFLE_READ = 3;
  private static final int SHUFFLE_WRITE = 4;
  private static final int INPUT = 5;

  private SparkTraffic(SparkContext sc) {
    this.sc = sc;
  }

  /** Starts counting on {@code sc}. */
  public static SparkTraffic register(SparkContext sc) {
    SparkTraffic t = new SparkTraffic(sc);
    sc.addSparkListener(t);
    return t;
  }

  /** One executor's totals in bytes (the driver's block manager is executor {@code driver}). */
  public record Executor(String id, long tasks, long resultBytes, long broadcastBytes, long shuffleReadBytes,
      long shuffleWriteBytes, long inputBytes) {
    /** Everything counted for this executor. */
    public long totalBytes() {
      return resultBytes + broadcastBytes + shuffleReadBytes + shuffleWriteBytes + inputBytes;
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TaskMetrics m = end.taskMetrics();
    if (m == null) {
      return; // a task that failed before it ran reports none
    }
    synchronized (byExecutor) {
      long[] c = counters(end.taskInfo().executorId());
      c[TASKS]++;
      c[RESULT] += m.resultSize();
      c[SHUFFLE_READ] += m.shuffleReadMetrics().remoteBytesRead() + m.shuffleReadMetrics().localBytesRead();
      c[SHUFFLE_WRITE] += m.shuffleWriteMetrics().bytesWritten();
      c[INPUT] += m.inputMetrics().bytesRead();
    }
  }

  @Override
  public void onBlockUpdated(SparkListenerBlockUpdated update) {
    BlockUpdatedInfo info = update.blockUpdatedInfo();
    BlockId id = info.blockId();
    // a broadcast's pieces are what travels; its deserialized value kept beside them never leaves the
    // block manager that holds it, and an update with an invalid level is the piece being removed
    if (!id.isBroadcast() || !id.name().contains("_piece") || !info.storageLevel().isValid()) {
      return;
    }
    synchronized (byExecutor) {
      counters(info.blockManagerId().executorId())[BROADCAST] += info.memSize() + info.diskSize();
    }
  }

  private long[] counters(String executor) {
    return byExecutor.computeIfAbsent(executor, e -> new long[6]);
  }

  /**
   * Waits until the listener bus has delivered every event posted so far (the events of a finished
   * job arrive asynchronously, after the job's action has returned).
   *
   * @throws IllegalStateException when the bus has not emptied within 30 seconds
   */
  public void settle() {
    settle(sc);
  }

  /** As {@link #settle()}, for the listeners of {@code sc}. */
  static void settle(SparkContext sc) {
    try {
      // Spark-internal (private[spark], public in the bytecode): no public call waits for delivery
      sc.listenerBus().waitUntilEmpty(30_000L);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not empty within 30 s", e);
    }
  }

  /** The totals so far, per executor, in executor id order. */
  public java.util.List<Executor> executors() {
    synchronized (byExecutor) {
      return byExecutor.entrySet().stream()
          .map(e -> {
            long[] c = e.getValue();
            return new Executor(e.getKey(), c[TASKS], c[RESULT], c[BROADCAST], c[SHUFFLE_READ], c[SHUFFLE_WRITE],
                c[INPUT]);
          })
          .toList();
    }
  }

  /** The totals so far over every executor. */
  public Executor total() {
    long[] t = new long[6];
    for (Executor e : executors()) {
      t[TASKS] += e.tasks();
      t[RESULT] += e.resultBytes();
      t[BROADCAST] += e.broadcastBytes();
      t[SHUFFLE_READ] += e.shuffleReadBytes();
      t[SHUFFLE_WRITE] += e.shuffleWriteBytes();
      t[INPUT] += e.inputBytes();
    }
    return new Executor("all", t[TASKS], t[RESULT], t[BROADCAST], t[SHUFFLE_READ], t[SHUFFLE_WRITE], t[INPUT]);
  }

  /** Stops counting. */
  @Override
  public void close() {
    sc.removeSparkListener(this);
  }
}
