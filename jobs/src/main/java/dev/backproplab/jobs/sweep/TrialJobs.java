package dev.backproplab.jobs.sweep;

import dev.backproplab.core.trial.TrialSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a run's per-task trials become Spark jobs, so that each trial gets the cores it trains on
 * ({@link dev.backproplab.core.trial.MethodConfig#cores()}: one, or K for a ddg trial of K modules).
 * Trials that need no more than {@code spark.task.cpus} run in one job, one task each. Trials that
 * need more run in a job per core count:
 *
 * <ul>
 *   <li>on a cluster (standalone, YARN, Kubernetes) the job's RDD carries a task resource profile
 *       asking for that many cpus (and the GPUs a task gets by default), which Spark 3.5 schedules
 *       without dynamic allocation; the request is capped at {@code spark.executor.cores} where that
 *       is set (an executor smaller than a task would never run it; on standalone an executor
 *       without the setting takes every core of its worker). {@code bpl sweep} refuses such trials
 *       before they get here ({@link TaskCores}); the cap keeps other callers from waiting forever;
 *   <li>in local mode (no resource profiles), the job's tasks are submitted in waves of {@code max(1,
 *       local cores / cores)}, so no more trials run at once than the machine has cores for.
 * </ul>
 * Every job has one task per trial.
 */
final class TrialJobs {
  private static final Logger LOG = LoggerFactory.getLogger(TrialJobs.class);

  /**
   * The trials that run on {@code cores} cpus each, one task per trial, at most {@code wave} tasks
   * submitted at once; each task asks for its cpus through a task resource profile when {@code
   * profile}.
   */
  record Job(int cores, boolean profile, List<TrialSpec> trials, int wave) {

    /** The job's RDD on {@code jsc}, a partition per trial, with its task resource profile if it has one. */
    JavaRDD<TrialSpec> rdd(JavaSparkContext jsc) {
      JavaRDD<TrialSpec> rdd = jsc.parallelize(trials, trials.size());
      if (!profile) {
        return rdd;
      }
      TaskResourceRequests task = new TaskResourceRequests().cpus(cores);
      double gpus = jsc.getConf().getDouble("spark.task.resource.gpu.amount", 0);
      if (gpus > 0) {
        task.resource("gpu", gpus);
      }
      return rdd.withResources(new ResourceProfileBuilder().require(task).build());
    }
  }

  private TrialJobs() {}

  /** The jobs of {@code trials} under {@code conf} (its master, task and executor cores) with {@code localCores}. */
  static List<Job> plan(List<TrialSpec> trials, SparkConf conf, int localCores) {
    int taskCpus = conf.getInt("spark.task.cpus", 1);
    String master = conf.get("spark.master", "local[*]");
    boolean local = master.equals("local") || master.startsWith("local[");
    boolean standalone = master.startsWith("spark://") || master.startsWith("local-cluster");
    int executorCores = conf.getInt("spark.executor.cores", standalone || local ? Integer.MAX_VALUE : 1);
    List<TrialSpec> plain = new ArrayList<>();
    Map<Integer, List<TrialSpec>> byCores = new TreeMap<>();
    for (TrialSpec t : trials) {
      int cores = Math.min(t.config().cores(), local ? localCores : executorCores);
      if (cores <= taskCpus) {
        plain.add(t);
      } else {
        byCores.computeIfAbsent(cores, c -> new ArrayList<>()).add(t);
      }
      if (t.config().cores() > cores) {
        LOG.warn("trial {} ({}) trains on {} cores but gets {}: the executors have no more (spark.executor.cores)",
            t.trialId(), t.method(), t.config().cores(), cores);
      }
    }
    List<Job> jobs = new ArrayList<>();
    if (!plain.isEmpty()) {
      jobs.add(new Job(taskCpus, false, plain, plain.size()));
    }
    byCores.forEach((cores, list) -> jobs.add(local
        ? new Job(cores, false, list, Math.max(1, localCores / cores))
        : new Job(cores, true, list, list.size())));
    return jobs;
  }
}
