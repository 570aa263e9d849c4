package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialProgress;
import dev.backproplab.core.trial.TrialSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A barrier {@code ddg} trial outside Spark: its K {@link BarrierModule}s in this process, module 0 on
 * the trial's thread and the others on threads of their own, linked by TCP on the loopback interface.
 * Everything a barrier trial does except the gang scheduling: the frames, the sockets and their
 * costs, the same schedule. What {@code bpl bench ddg} measures the sockets' cost with, and where a
 * barrier trial runs when no Spark task runs it.
 */
final class LoopbackBarrier implements Trainer {
  /** How long a module waits for the others to connect. */
  static final Duration CONNECT = Duration.ofSeconds(60);

  private final DdgConfig config;

  LoopbackBarrier(DdgConfig config) {
    this.config = config;
  }

  @Override
  public void train(TrialSpec spec, DataSplit data, TrialProgress progress) {
    int k = config.modules();
    List<BarrierModule> modules = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    try {
      List<String> addresses = new ArrayList<>();
      for (int m = 0; m < k; m++) {
        modules.add(BarrierModule.open(m, k, "127.0.0.1"));
        addresses.add(modules.get(m).address());
      }
      for (int m = 1; m < k; m++) {
        BarrierModule module = modules.get(m);
        Thread t = new Thread(() -> {
          try {
            module.connect(addresses, CONNECT);
          } catch (IOException e) {
            module.close(); // module 0 then fails to connect, naming this module
            return;
          }
          module.serve(config, spec, () -> data);
        }, "ddg-barrier-module-" + m + "-of-" + k);
        t.setDaemon(true);
        threads.add(t);
      }
      threads.forEach(Thread::start);
      modules.get(0).connect(addresses, CONNECT);
      modules.get(0).trainer(config).train(spec, data, progress);
    } catch (IOException e) {
      throw new UncheckedIOException("ddg barrier modules on the loopback interface: " + e.getMessage(), e);
    } finally {
      modules.forEach(BarrierModule::close);
      Pipeline.joinAll(threads);
    }
  }
}
