package dev.backproplab.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.SharedSpark;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("spark")
class SparkTrafficTest {

  @Test
  void seesTheBroadcastPiecesAndTaskResultsOfARealJob() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    double[] vector = new SplittableRandom(5).doubles(50_000).toArray(); // 400 kB that do not compress
    SparkTraffic traffic = SparkTraffic.register(sc.sc());
    try {
      Broadcast<double[]> shared = sc.broadcast(vector);
      List<Double> sums = sc.parallelize(List.of(0, 1, 2, 3), 4)
          .map(i -> shared.value()[i] * 2)
          .collect();
      shared.destroy();
      traffic.settle();
      assertEquals(4, sums.size());
      SparkTraffic.Executor all = traffic.total();
      assertEquals(4, all.tasks(), "one finished task per partition");
      assertTrue(all.resultBytes() > 0, "task results are serialized back to the driver: " + all);
      // the driver stores the vector's pieces (compressed, so about 8 bytes a value); the stage's task
      // binary is a broadcast too and adds a few kB
      assertTrue(all.broadcastBytes() >= 300_000 && all.broadcastBytes() < 1_000_000,
          "broadcast pieces of a 400 kB vector: " + all);
      assertEquals(0, all.shuffleReadBytes() + all.shuffleWriteBytes(), "a map and collect shuffle nothing");
      assertTrue(traffic.executors().stream().anyMatch(e -> e.id().equals("driver")),
          "local mode: the driver's block manager and executor: " + traffic.executors());
    } finally {
      traffic.close();
    }
    long counted = traffic.total().tasks();
    sc.parallelize(List.of(1, 2), 2).count();
    traffic.settle();
    assertEquals(counted, traffic.total().tasks(), "a closed listener counts no more tasks");
  }
}
