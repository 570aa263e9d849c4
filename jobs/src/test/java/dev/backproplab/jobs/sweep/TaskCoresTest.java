package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.trial.Budget;
import dev.backproplab.core.trial.ModelSpec;
import dev.backproplab.core.trial.TrialSpec;
import dev.backproplab.jobs.Catalogue;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Which masters give a task the K cores a ddg trial of K modules trains on, decided before Spark starts. */
class TaskCoresTest {
  private static final ModelSpec MLP = new ModelSpec("mlp", List.of(8, 8, 8), "relu");

  private static List<TrialSpec> trials(long modules) {
    var bp = Catalogue.METHODS.get("bp").resolve(Map.of(), "test");
    var ddg = Catalogue.METHODS.get("ddg").resolve(Map.of("modules", modules), "test");
    Budget b = new Budget(1, null, null);
    return List.of(new TrialSpec("s", "bp", "digits", MLP, bp.params(), bp.config(), b, 1),
        new TrialSpec("s", "ddg", "digits", MLP, ddg.params(), ddg.config(), b, 2));
  }

  private static List<TrialSpec> barrier(long modules) {
    var ddg = Catalogue.METHODS.get("ddg").resolve(Map.of("modules", modules, "execution", "barrier"), "test");
    return List.of(new TrialSpec("s", "ddg", "digits", MLP, ddg.params(), ddg.config(), new Budget(1, null, null), 1));
  }

  @Test
  void aBarrierTrialAsksForKSlotsAtOnceAndIsRefusedWhereTheApplicationHasFewer() {
    assertEquals(1, barrier(3).get(0).config().cores(), "each module's task takes one core");
    TaskCores.check(barrier(2), master("local[2]"), 8, "f.yaml");
    TaskCores.check(barrier(3), master("local-cluster[3,1,1024]"), 8, "f.yaml");
    TaskCores.check(barrier(4), master("spark://h:7077"), 8, "f.yaml"); // the executors tell, once registered
    InvalidInputException local = assertThrows(InvalidInputException.class,
        () -> TaskCores.check(barrier(3), master("local[2]"), 8, "f.yaml"));
    assertEquals("f.yaml: ddg with execution: barrier and modules = 3 needs 3 task slots at once (one task per"
        + " module, started together), but the master local[2] (2 cores) give 2: Spark would wait for slots that"
        + " never come free. Use modules <= 2, more executors or cores, or execution: threads", local.getMessage());
    InvalidInputException cluster = assertThrows(InvalidInputException.class,
        () -> TaskCores.check(barrier(3), master("local-cluster[2,2,1024]").set("spark.task.cpus", "2"), 8, "f.yaml"));
    assertTrue(cluster.getMessage().contains("give 2:"), cluster.getMessage());
    InvalidInputException yarn = assertThrows(InvalidInputException.class, () -> TaskCores.check(barrier(4),
        master("yarn").set("spark.executor.instances", "1").set("spark.executor.cores", "2"), 8, "f.yaml"));
    assertTrue(yarn.getMessage().contains("spark.executor.instances = 1 of 2 cores give 2"), yarn.getMessage());
    InvalidInputException dynamic = assertThrows(InvalidInputException.class, () -> TaskCores.check(barrier(2),
        master("local[4]").set("spark.dynamicAllocation.enabled", "true"), 8, "f.yaml"));
    assertTrue(dynamic.getMessage().contains("Spark does not run under dynamic allocation"), dynamic.getMessage());
  }

  private static SparkConf master(String master) {
    return new SparkConf(false).setMaster(master);
  }

  @Test
  void theCoresATaskGetsFollowTheMasterAndTheExecutorCores() {
    assertEquals(2, TaskCores.limit(master("local[*]"), 2).cores());
    assertEquals(3, TaskCores.limit(master("local[3]"), 2).cores(), "local[N] is the user's word");
    assertEquals(4, TaskCores.limit(master("local[4,2]"), 2).cores());
    assertEquals(1, TaskCores.limit(master("local"), 8).cores());
    assertEquals(2, TaskCores.limit(master("local-cluster[2,2,1024]"), 8).cores());
    assertEquals(1, TaskCores.limit(master("local-cluster[2,2,1024]").set("spark.executor.cores", "1"), 8).cores());
    assertEquals(4, TaskCores.limit(master("spark://h:7077").set("spark.executor.cores", "4"), 2).cores());
    assertEquals(-1, TaskCores.limit(master("spark://h:7077"), 2).cores(), "standalone: the executors tell");
    assertEquals(1, TaskCores.limit(master("yarn"), 8).cores(), "YARN executors have one core unless told");
    assertEquals(3, TaskCores.limit(master("k8s://h:443").set("spark.executor.cores", "3"), 8).cores());
  }

  @Test
  void aTrialAskingForMoreCoresThanATaskGetsIsRefusedNamingItsBlockAndTheCores() {
    InvalidInputException local = assertThrows(InvalidInputException.class,
        () -> TaskCores.check(trials(3), master("local[*]"), 2, "f.yaml"));
    assertTrue(local.getMessage().startsWith("f.yaml: method ddg {"), local.getMessage());
    assertTrue(local.getMessage().contains("modules=3"), local.getMessage());
    assertTrue(local.getMessage().contains("trains each trial on 3 cores (one thread per module) but a task gets 2"
        + " from the master local[*] (2 cores on this machine)"), local.getMessage());
    InvalidInputException executors = assertThrows(InvalidInputException.class,
        () -> TaskCores.check(trials(3), master("spark://h:7077").set("spark.executor.cores", "2"), 8, "f.yaml"));
    assertTrue(executors.getMessage().contains("a task gets 2 from spark.executor.cores = 2"), executors.getMessage());
    InvalidInputException yarn = assertThrows(InvalidInputException.class,
        () -> TaskCores.check(trials(2), master("yarn"), 8, "f.yaml"));
    assertTrue(yarn.getMessage().contains("spark.executor.cores, not set (1 on yarn)"), yarn.getMessage());
  }

  @Test
  void trialsThatFitOrThatOnlyExecutorsCanJudgePass() {
    TaskCores.check(trials(2), master("local[*]"), 2, "f.yaml");
    TaskCores.check(trials(3), master("local[3]"), 2, "f.yaml");
    TaskCores.check(trials(3), master("spark://h:7077"), 1, "f.yaml");
    TaskCores.check(trials(1), master("local"), 1, "f.yaml");
    TaskCores.check(trials(4), master("yarn").set("spark.executor.cores", "4"), 1, "f.yaml");
  }
}
