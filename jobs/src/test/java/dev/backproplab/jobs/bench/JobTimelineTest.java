package dev.backproplab.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backproplab.jobs.bench.JobTimeline.Split;
import dev.backproplab.jobs.bench.JobTimeline.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTimelineTest {
  private static final double EPS = 1e-9;

  @Test
  void twoLanesSplitIntoTheirParts() {
    // run from t=0 to t=2600 ms; three 1-second trials on two cores; task: launch, finish, deser, run, result ser
    List<Task> tasks = List.of(
        new Task(100, 1130, 5, 1020, 2),   // lane A: trial 1000 ms, 20 in the task, 10 framing
        new Task(110, 1140, 5, 1020, 2),   // lane B, 10 ms after the first launch
        new Task(1150, 2180, 5, 1020, 2)); // lane A or B after a gap: B freed at 1140, gap 10
    Split s = JobTimeline.split(tasks, 2, 0, 2600, 3 * 1.0, 1.5);
    assertEquals(2.6, s.wall(), EPS);
    assertEquals(0.100, s.startUp(), EPS);
    assertEquals(0.010 / 2, s.stagger(), EPS);
    assertEquals(0.010 / 2, s.gaps(), EPS); // the most recently freed lane (B) takes the third task
    assertEquals((2180 - 1130) / 1e3 / 2, s.tail(), EPS); // lane A idle from 1130 to 2180
    assertEquals(3 * 0.010 / 2, s.taskFraming(), EPS);
    assertEquals(3 * 0.005 / 2, s.deserialize(), EPS);
    assertEquals(3 * 0.020 / 2, s.inTask(), EPS);
    assertEquals(0, s.trialExcess(), EPS);
    assertEquals(0.420, s.end(), EPS);
    assertEquals(s.wall() - s.ideal(), s.lost(), EPS);
  }

  @Test
  void oneLaneAgainstTheSameTrialsRunOneAfterAnother() {
    List<Task> tasks = List.of(new Task(50, 80, 1, 25, 0), new Task(83, 110, 1, 24, 0));
    // the trials took 40 ms in the job, 36 ms one after another: 4 ms slower in the job
    Split s = JobTimeline.split(tasks, 1, 0, 130, 0.040, 0.036);
    assertEquals(0.050, s.startUp(), EPS);
    assertEquals(0.003, s.gaps(), EPS);
    assertEquals(0, s.stagger(), EPS);
    assertEquals(0, s.tail(), EPS);
    assertEquals(0.005 + 0.003, s.taskFraming(), EPS);
    assertEquals(0.049 - 0.040, s.inTask(), EPS);
    assertEquals(0.004, s.trialExcess(), EPS);
    assertEquals(0.020, s.end(), EPS);
    assertEquals(s.wall() - s.ideal(), s.lost(), EPS);
  }

  @Test
  void aCoreThatNeverRanATaskIsIdleThroughout() {
    Split s = JobTimeline.split(List.of(new Task(10, 1010, 0, 1000, 0)), 2, 0, 1020, 1.0, 0.5);
    assertEquals(1.0 / 2, s.tail(), EPS);
    assertEquals(s.wall() - s.ideal(), s.lost(), EPS);
  }
}
