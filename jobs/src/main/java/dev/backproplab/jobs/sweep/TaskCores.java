package dev.backproplab.jobs.sweep;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.core.trial.ddg.DdgConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.status.api.v1.ExecutorSummary;
import scala.collection.JavaConverters;

/**
 * Refuses, before anything is written, trials that ask for more cores per task ({@link
 * dev.backproplab.core.trial.MethodConfig#cores()}: K for a {@code ddg} trial of K modules) than a
 * task can get. On a cluster such a task would never be scheduled: Spark waits, without an error,
 * for an executor with K free cores that does not exist (a standalone worker of 1 core gives its
 * executor 1 core). In local mode K module threads on fewer cores are not the method whose speed
 * the trial measures. The cores a task can get:
 *
 * <ul>
 *   <li>{@code local[N]}: N ({@code local[*]} the machine's, {@code local} one);
 *   <li>{@code local-cluster[n,c,m]}: c, or {@code spark.executor.cores} if smaller;
 *   <li>{@code spark.executor.cores} where set; on YARN and Kubernetes it defaults to 1;
 *   <li>standalone without {@code spark.executor.cores}: an executor takes all its worker's cores,
 *       known only from the registered executors once the application runs ({@link #checkExecutors}).
 * </ul>
 *
 * <p>A {@code ddg} trial with {@code execution: barrier} asks instead for K task slots at once (one
 * task per module, gang-scheduled): refused when the application has fewer ({@link #slots}; on
 * standalone, the registered executors' slots), and under dynamic allocation, where Spark runs no
 * barrier stage. Spark itself would wait and retry for minutes before failing with a scheduler error.
 */
public final class TaskCores {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?])?");
  private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\d+,(\\d+),\\d+]");
  /** How long {@link #checkExecutors} waits for a first executor to register. */
  private static final long REGISTER_SECONDS = 60;

  /** The cores a task gets and what says so, for messages; {@code cores} is -1 when executors must tell. */
  record Limit(int cores, String source) {}

  private TaskCores() {}

  /** The cores a task can get under {@code conf}'s master, on a machine of {@code machineCores}. */
  static Limit limit(SparkConf conf, int machineCores) {
    String master = conf.get("spark.master", "local[*]");
    Matcher local = LOCAL.matcher(master);
    if (local.matches()) {
      String n = local.group(1);
      int cores = n == null ? 1 : n.equals("*") ? machineCores : Integer.parseInt(n);
      return new Limit(cores, "the master " + master + " (" + cores + (cores == 1 ? " core" : " cores")
          + (n != null && n.equals("*") ? " on this machine" : "") + ")");
    }
    if (conf.contains("spark.executor.cores")) {
      return new Limit(conf.getInt("spark.executor.cores", 1), "spark.executor.cores = "
          + conf.get("spark.executor.cores"));
    }
    Matcher cluster = LOCAL_CLUSTER.matcher(master);
    if (cluster.matches()) {
      return new Limit(Integer.parseInt(cluster.group(1)), "the workers of " + master);
    }
    if (master.startsWith("spark://")) {
      return new Limit(-1, "the executors of " + master);
    }
    return new Limit(1, "spark.executor.cores, not set (1 on " + master + ")");
  }

  /**
   * Checks {@code trials} against the cores a task can get under {@code conf} (the master it will run
   * on), before Spark starts; leaves a standalone master without {@code spark.executor.cores} to
   * {@link #checkExecutors}.
   *
   * @param file the sweep file, for messages
   * @throws InvalidInputException naming the method block, its cores and the cores available
   */
  public static void check(List<TrialSpec> trials, SparkConf conf, int machineCores, String file) {
    Limit limit = limit(conf, machineCores);
    if (limit.cores() >= 0) {
      refuseAbove(trials, limit, file);
    }
    int modules = barrierModules(trials);
    if (modules == 0) {
      return;
    }
    if (conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
      throw new InvalidInputException(file + ": ddg with execution: barrier runs its modules as a barrier stage, which"
          + " Spark does not run under dynamic allocation (spark.dynamicAllocation.enabled = true): set it to false"
          + " for this sweep, or use execution: threads");
    }
    Limit slots = slots(conf, machineCores);
    if (slots.cores() >= 0) {
      refuseBarrier(modules, slots, file);
    }
  }

  /** The largest K of the trials' barrier ddg blocks, 0 when none runs as barrier tasks. */
  private static int barrierModules(List<TrialSpec> trials) {
    return trials.stream().filter(BarrierTrials::wants).mapToInt(t -> ((DdgConfig) t.config()).modules()).max()
        .orElse(0);
  }

  /** The task slots of the whole application under {@code conf}; -1 when only the registered executors can tell. */
  static Limit slots(SparkConf conf, int machineCores) {
    int taskCpus = conf.getInt("spark.task.cpus", 1);
    String master = conf.get("spark.master", "local[*]");
    Matcher local = LOCAL.matcher(master);
    Matcher cluster = LOCAL_CLUSTER.matcher(master);
    if (local.matches()) {
      Limit cores = limit(conf, machineCores);
      return new Limit(cores.cores() / taskCpus, cores.source());
    }
    if (cluster.matches()) {
      int workers = Integer.parseInt(master.substring(master.indexOf('[') + 1, master.indexOf(',')));
      return new Limit(workers * (limit(conf, machineCores).cores() / taskCpus), "the " + workers + " workers of "
          + master);
    }
    if (conf.contains("spark.executor.instances") && !master.startsWith("spark://")) {
      int executors = conf.getInt("spark.executor.instances", 1);
      return new Limit(executors * (limit(conf, machineCores).cores() / taskCpus), "spark.executor.instances = "
          + executors + " of " + limit(conf, machineCores).cores() + " cores");
    }
    return new Limit(-1, "the executors of " + master);
  }

  private static void refuseBarrier(int modules, Limit slots, String file) {
    if (modules > slots.cores()) {
      throw new InvalidInputException(file + ": ddg with execution: barrier and modules = " + modules + " needs "
          + modules + " task slots at once (one task per module, started together), but " + slots.source() + " give "
          + slots.cores() + ": Spark would wait for slots that never come free. Use modules <= " + slots.cores()
          + ", more executors or cores, or execution: threads");
    }
  }

  /**
   * Checks {@code trials} against the executors of a standalone master run without {@code
   * spark.executor.cores}, once at least one has registered (waiting up to a minute for it); other
   * masters were checked by {@link #check}.
   *
   * @throws InvalidInputException when no registered executor has the cores a trial asks for
   */
  public static void checkExecutors(List<TrialSpec> trials, SparkContext sc, String file) {
    checkBarrierSlots(trials, sc, file);
    Limit limit = limit(sc.getConf(), Runtime.getRuntime().availableProcessors());
    if (limit.cores() >= 0 || trials.stream().allMatch(t -> t.config().cores() <= 1)) {
      return;
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(REGISTER_SECONDS);
    int most = largestExecutor(sc);
    while (most == 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      most = largestExecutor(sc);
    }
    if (most > 0) {
      refuseAbove(trials, new Limit(most, limit.source() + " (their workers' cores; the largest has " + most
          + ")"), file);
    }
  }

  /**
   * Checks barrier trials against the task slots of a cluster whose size only its executors tell
   * (standalone), waiting up to a minute for enough of them to register.
   */
  private static void checkBarrierSlots(List<TrialSpec> trials, SparkContext sc, String file) {
    int modules = barrierModules(trials);
    if (modules == 0 || slots(sc.getConf(), Runtime.getRuntime().availableProcessors()).cores() >= 0) {
      return;
    }
    int taskCpus = sc.getConf().getInt("spark.task.cpus", 1);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(REGISTER_SECONDS);
    int slots = totalSlots(sc, taskCpus);
    while (slots < modules && System.nanoTime() < end) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      slots = totalSlots(sc, taskCpus);
    }
    refuseBarrier(modules, new Limit(slots, "the executors registered with " + sc.master() + " within "
        + REGISTER_SECONDS + " s"), file);
  }

  /** The task slots of the registered executors. */
  private static int totalSlots(SparkContext sc, int taskCpus) {
    int slots = 0;
    for (ExecutorSummary e : JavaConverters.seqAsJavaList(sc.statusStore().executorList(true))) {
      if (!e.id().equals("driver")) {
        slots += e.totalCores() / taskCpus;
      }
    }
    return slots;
  }

  /** The most cores of a registered executor, 0 while none has registered. */
  private static int largestExecutor(SparkContext sc) {
    int most = 0;
    for (ExecutorSummary e : JavaConverters.seqAsJavaList(sc.statusStore().executorList(true))) {
      if (!e.id().equals("driver")) {
        most = Math.max(most, e.totalCores());
      }
    }
    return most;
  }

  private static void refuseAbove(List<TrialSpec> trials, Limit limit, String file) {
    for (TrialSpec t : trials) {
      int cores = t.config().cores();
      if (cores > limit.cores()) {
        throw new InvalidInputException(file + ": method " + t.method() + " " + t.params() + " trains each trial on "
            + cores + " cores (one thread per module) but a task gets " + limit.cores() + " from " + limit.source()
            + ": a task asking for more would wait forever on a cluster, or share too few cores locally. Use "
            + "modules <= " + limit.cores() + ", or give each executor " + cores + " cores (spark.executor.cores,"
            + " workers with as many; locally --master local[" + cores + "] runs the " + cores
            + " threads on fewer cores, slower)");
      }
    }
  }
}
