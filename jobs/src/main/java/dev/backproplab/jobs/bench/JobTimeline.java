package dev.backproplab.jobs.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Where the wall time of one sweep run goes, from what Spark records of each of its tasks (its launch
 * on the driver's clock; the executor's deserialisation, run and result serialisation times) and what
 * the trials record of themselves (each trial's own wall time, from its result).
 *
 * <p>A task holds its core from its launch until the executor has serialised its result ({@code launch
 * + deserialise + run + resultSerialize}); the driver's handling of the result (Spark's {@code
 * finishTime}) overlaps the next task and is not counted. The run's wall time {@code W} splits
 * exactly into the trials' ideal time and what is lost:
 *
 * <pre>
 * W = ideal / cores + startUp + end
 *     + (stagger + gaps + tail + deserialize + resultSerialize + inTask + trialExcess) / cores
 * </pre>
 *
 * where the parts in brackets are core-seconds: tasks are laid on lanes (a lane is a core: each task
 * goes on the lane freed last before it launched), {@code stagger} is each lane's wait for its first
 * task after the first launch, {@code gaps} the time between one task's end on the executor and the
 * next launch on its lane (the status update, the driver's scheduling of the next task, its launch),
 * {@code tail} each lane's idle time after its last task until the run's last task ends, {@code
 * deserialize} and {@code resultSerialize} the executor's (the task with its closure; the result),
 * {@code inTask} the run of the task's function outside the trial (task set-up, commit, heartbeat,
 * lock checks), and {@code trialExcess} the trials' own time beyond the ideal (their budget's seconds,
 * or the same trials run one after another in one JVM); {@code end} runs from the last task's end on
 * the executor to the run's return (the last result's handling, the run-end compaction).
 *
 * <p>Times are Spark's millisecond figures: each part is exact in sum, to a millisecond per task.
 */
public final class JobTimeline extends SparkListener {
  /** One task as Spark recorded it: its launch (wall clock) and the executor's times, in ms. */
  public record Task(long launch, long deserialize, long run, long resultSerialize) {
    /** When the executor was done with the task. */
    long end() {
      return launch + deserialize + run + resultSerialize;
    }
  }

  /**
   * The split of one run's wall time, in seconds of wall time (core-seconds divided by the cores).
   *
   * @param wall the measured run, from the call to its return
   * @param ideal the trials' ideal time on the cores
   */
  public record Split(int tasks, int cores, double wall, double ideal, double startUp, double stagger, double gaps,
      double tail, double deserialize, double resultSerialize, double inTask, double trialExcess, double end) {

    /** The parts of the time lost; they add up to {@code wall - ideal}. */
    public double lost() {
      return startUp + stagger + gaps + tail + deserialize + resultSerialize + inTask + trialExcess + end;
    }
  }

  private final List<Task> tasks = new ArrayList<>();

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
    var info = e.taskInfo();
    var m = e.taskMetrics();
    tasks.add(new Task(info.launchTime(), m == null ? 0 : m.executorDeserializeTime(),
        m == null ? 0 : m.executorRunTime(), m == null ? 0 : m.resultSerializationTime()));
  }

  /** The tasks of {@code sc} so far, once its listener bus has delivered their events. */
  public List<Task> tasks(SparkContext sc) {
    SparkTraffic.settle(sc);
    synchronized (this) {
      return List.copyOf(tasks);
    }
  }

  /**
   * Splits a run that started at {@code startMillis} and returned at {@code endMillis} (wall clock),
   * whose {@code tasks} ran on {@code cores} lanes, with {@code trialSeconds} the trials' own wall times
   * summed and {@code idealSeconds} what they should have taken on the cores.
   */
  public static Split split(List<Task> tasks, int cores, long startMillis, long endMillis, double trialSeconds,
      double idealSeconds) {
    List<Task> byLaunch = new ArrayList<>(tasks);
    byLaunch.sort(Comparator.comparingLong(Task::launch));
    long first = byLaunch.get(0).launch();
    long last = byLaunch.stream().mapToLong(Task::end).max().orElseThrow();
    long[] laneFree = new long[cores];
    boolean[] used = new boolean[cores];
    long stagger = 0;
    long gaps = 0;
    long deserialize = 0;
    long resultSerialize = 0;
    long run = 0;
    for (Task t : byLaunch) {
      int lane = lane(laneFree, used, t.launch());
      if (used[lane]) {
        gaps += t.launch() - laneFree[lane];
      } else {
        stagger += t.launch() - first;
        used[lane] = true;
      }
      laneFree[lane] = t.end();
      deserialize += t.deserialize();
      resultSerialize += t.resultSerialize();
      run += t.run();
    }
    long tail = 0;
    for (int lane = 0; lane < cores; lane++) {
      tail += last - (used[lane] ? laneFree[lane] : first);
    }
    double c = cores;
    return new Split(tasks.size(), cores, (endMillis - startMillis) / 1e3, idealSeconds,
        (first - startMillis) / 1e3, stagger / 1e3 / c, gaps / 1e3 / c, tail / 1e3 / c, deserialize / 1e3 / c,
        resultSerialize / 1e3 / c, (run / 1e3 - trialSeconds) / c,
        (trialSeconds - idealSeconds * c) / c, (endMillis - last) / 1e3);
  }

  /**
   * The lane a task launched at {@code launch} ran on: of the lanes free by then, the one freed last (a
   * lane never used counts as free since the start); the lane freed first when none is (clock skew).
   */
  private static int lane(long[] free, boolean[] used, long launch) {
    int best = -1;
    for (int i = 0; i < free.length; i++) {
      long at = used[i] ? free[i] : Long.MIN_VALUE;
      if (at <= launch && (best < 0 || at > (used[best] ? free[best] : Long.MIN_VALUE))) {
        best = i;
      }
    }
    if (best >= 0) {
      return best;
    }
    int earliest = 0;
    for (int i = 1; i < free.length; i++) {
      earliest = free[i] < free[earliest] ? i : earliest;
    }
    return earliest;
  }
}
