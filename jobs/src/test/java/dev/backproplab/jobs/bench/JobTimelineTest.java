package dev.backproplab.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backproplab.jobs.bench.JobTimeline.Split;
import dev.backproplab.jobs.bench.JobTimeline.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split of a run's wall time adds up to the run, part by part, on one core and on two. */
class JobTimelineTest {
  private static final double EPS = 1e-9;

  @Test
  void twoLanesSplitIntoTheirParts() {
    // a run from 0 to 2600 ms; three 1-second trials on two cores; each task (launch, deserialise, run,
    // serialise the result) ends 1030 ms after its launch on the executor: 20 ms in the task beyond its trial
    List<Task> tasks = List.of(
        new Task(100, 5, 1020, 5),   // lane A, ends at 1130
        new Task(110, 5, 1020, 5),   // lane B, 10 ms after the first launch, ends at 1140
        new Task(1150, 5, 1020, 5)); // on B, freed last before it launched: a 10 ms gap; ends at 2180
    Split s = JobTimeline.split(tasks, 2, 0, 2600, 3 * 1.0, 1.5);
    assertEquals(2.6, s.wall(), EPS);
    assertEquals(0.100, s.startUp(), EPS);
    assertEquals(0.010 / 2, s.stagger(), EPS);
    assertEquals(0.010 / 2, s.gaps(), EPS);
    assertEquals((2180 - 1130) / 1e3 / 2, s.tail(), EPS); // lane A idle from 1130 to the last task's end
    assertEquals(3 * 0.005 / 2, s.deserialize(), EPS);
    assertEquals(3 * 0.005 / 2, s.resultSerialize(), EPS);
    assertEquals(3 * 0.020 / 2, s.inTask(), EPS);
    assertEquals(0, s.trialExcess(), EPS);
    assertEquals(0.420, s.end(), EPS);
    assertEquals(s.wall() - s.ideal(), s.lost(), EPS);
  }

  @Test
  void oneLaneAgainstTheSameTrialsRunOneAfterAnother() {
    // the driver launched the second task before it had handled the first's result: not a negative gap
    List<Task> tasks = List.of(new Task(50, 1, 25, 1), new Task(80, 2, 24, 1));
    // the trials took 40 ms in the job, 36 ms one after another: 4 ms slower in the job
    Split s = JobTimeline.split(tasks, 1, 0, 130, 0.040, 0.036);
    assertEquals(0.050, s.startUp(), EPS);
    assertEquals(0.003, s.gaps(), EPS); // the first ends at 77
    assertEquals(0, s.stagger(), EPS);
    assertEquals(0, s.tail(), EPS);
    assertEquals(0.003, s.deserialize(), EPS);
    assertEquals(0.002, s.resultSerialize(), EPS);
    assertEquals(0.049 - 0.040, s.inTask(), EPS);
    assertEquals(0.004, s.trialExcess(), EPS);
    assertEquals(0.130 - 0.107, s.end(), EPS);
    assertEquals(s.wall() - s.ideal(), s.lost(), EPS);
  }

  @Test
  void aCoreThatNeverRanATaskIsIdleThroughout() {
    Split s = JobTimeline.split(List.of(new Task(10, 0, 1000, 0)), 2, 0, 1020, 1.0, 0.5);
    assertEquals(1.0 / 2, s.tail(), EPS);
    assertEquals(s.wall() - s.ideal(), s.lost(), EPS);
  }
}
