package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.Catalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Which Spark job each trial runs in, and on how many cores, from the configuration alone. */
class TrialJobsTest {
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(8, 8, 8), "relu");

  private static TrialSpec trial(String method, Map<String, Object> params, int i) {
    var r = Catalogue.METHODS.get(method).resolve(params, "test");
    return new TrialSpec("s", method + i, "digits", MLP, r.params(), r.config(), new Budget(1, null, null), i + 1);
  }

  private static List<TrialSpec> trials() {
    List<TrialSpec> t = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      t.add(trial("bp", Map.of(), i));
      t.add(trial("ddg", Map.of("modules", 2L), i));
      t.add(trial("ddg", Map.of("modules", 4L), i));
    }
    return t;
  }

  @Test
  void onAClusterEachModuleCountGetsAJobWhoseTasksAskForThatManyCores() {
    SparkConf conf = new SparkConf(false).setMaster("spark://host:7077").set("spark.executor.cores", "4");
    List<TrialJobs.Job> jobs = TrialJobs.plan(trials(), conf, 2);
    assertEquals(3, jobs.size());
    assertEquals(List.of(1, 2, 4), jobs.stream().map(TrialJobs.Job::cores).toList());
    assertFalse(jobs.get(0).profile());
    assertEquals(3, jobs.get(0).wave(), "every trial's task at once");
    assertTrue(jobs.get(1).profile() && jobs.get(2).profile());
    assertEquals(3, jobs.get(2).wave());
    assertTrue(jobs.get(2).trials().stream().allMatch(t -> t.params().get("modules").equals("4")));
  }

  @Test
  void aRequestIsCappedAtTheExecutorsCores() {
    SparkConf conf = new SparkConf(false).setMaster("spark://host:7077").set("spark.executor.cores", "2");
    List<TrialJobs.Job> jobs = TrialJobs.plan(trials(), conf, 2);
    assertEquals(2, jobs.size());
    assertEquals(2, jobs.get(1).cores());
    assertEquals(6, jobs.get(1).trials().size(), "K = 2 and K = 4 both get 2 cores");
    SparkConf yarn = new SparkConf(false).setMaster("yarn");
    assertEquals(1, TrialJobs.plan(trials(), yarn, 2).size(), "YARN executors have one core unless told otherwise");
  }

  @Test
  void taskCpusAlreadyLargeEnoughNeedNoProfile() {
    SparkConf conf = new SparkConf(false).setMaster("spark://host:7077").set("spark.task.cpus", "4");
    List<TrialJobs.Job> jobs = TrialJobs.plan(trials(), conf, 2);
    assertEquals(1, jobs.size());
    assertEquals(9, jobs.get(0).wave());
  }

  @Test
  void inLocalModeTrialsRunInWavesSoThatTheCoresAreNotOversubscribed() {
    SparkConf conf = new SparkConf(false).setMaster("local[4]");
    List<TrialJobs.Job> jobs = TrialJobs.plan(trials(), conf, 4);
    assertEquals(3, jobs.size());
    assertFalse(jobs.get(1).profile() || jobs.get(2).profile(), "local mode has no resource profiles");
    assertEquals(2, jobs.get(1).wave(), "two K = 2 trials at once on 4 cores");
    assertEquals(1, jobs.get(2).wave(), "one K = 4 trial at a time");
    List<TrialJobs.Job> two = TrialJobs.plan(trials(), new SparkConf(false).setMaster("local[2]"), 2);
    assertEquals(2, two.size());
    assertEquals(1, two.get(1).wave());
    assertEquals(6, two.get(1).trials().size(), "K = 4 on a 2-core machine gets both cores");
  }
}
