package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.Segment;
import dev.backproplab.core.trial.TrialProgress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Module 0 of a barrier trial: its own {@link Stage} linked by sockets to module 1, and a reader
 * thread per other module that takes its reports, its weights at each curve point and its failure.
 *
 * <p>At a curve point ({@link #atRest}) module 0 sends {@link Wire#SNAPSHOT} after its last
 * activations; each module passes it on once it has finished every minibatch before it and answers
 * with its weights, which are copied into module 0's network before it is measured: the same
 * network, bit for bit, as the threaded pipeline measures. At the end ({@link #stop} after a clean end)
 * module 0 sends {@link Wire#END}, which every module passes on before it closes its connections.
 *
 * <p>Failures: a module that fails sends {@link Wire#FAILED} with its error before it closes its
 * connections; its neighbours see their connections end and fail in turn. Module 0 closes its own
 * links (which ends any read or write it waits in), waits for every reader to end, and rethrows the
 * first failure that is not a mere broken connection (a divergence stays a divergence).
 */
final class SocketPipeline extends Pipeline {
  /** How long module 0 waits for the other modules to close after the trial, before closing them. */
  private static final long CLOSE_SECONDS = 30;
  /** FAILED frame rows: what ended a module. */
  static final int FAILED_ERROR = 0;
  static final int FAILED_DIVERGED = 1;
  static final int FAILED_LINK = 2;

  private final Stage first;
  private final SocketLink.Out activations;
  private final SocketLink.In errors;
  private final Segment[] segments;
  private final BlockingQueue<Integer> snapshots;
  private final List<Wire> reportWires;
  private final List<Thread> readers = new ArrayList<>();
  private final Thread driver = Thread.currentThread();
  private final Failure[] failures;
  private volatile boolean closing;

  /** A module's failure as its FAILED frame (or the end of its connection) said. */
  private record Failure(int kind, String message) {}

  /**
   * @param links module 0's connections: {@code links.activationsOut}, {@code links.errorsIn}, and the
   *     reports of modules 1 .. K-1
   */
  SocketPipeline(DdgConfig config, Network net, int[] bounds, int maxRows, BarrierModule.Links links) {
    super(bounds.length - 1);
    int k = bounds.length - 1;
    Segment own = new Segment(net, bounds[0], bounds[1], k);
    activations = new SocketLink.Out(links.activationsOut(), ThreadPipeline.CAPACITY, maxRows, own.outputWidth(),
        net.dataType());
    errors = new SocketLink.In(links.errorsIn(), ThreadPipeline.CAPACITY, maxRows, own.outputWidth(),
        net.dataType(), "ddg-barrier-0-errors");
    first = Stage.of(config, 0, k, own, null, activations, errors, null);
    segments = new Segment[k];
    for (int m = 1; m < k; m++) {
      segments[m] = new Segment(net, bounds[m], bounds[m + 1], 1);
    }
    snapshots = new ArrayBlockingQueue<>(k);
    failures = new Failure[k];
    reportWires = links.reportsIn();
    for (int m = 1; m < k; m++) {
      int module = m;
      Thread t = new Thread(() -> read(module, reportWires.get(module - 1)), "ddg-barrier-0-reports-" + m);
      t.setDaemon(true);
      readers.add(t);
    }
    readers.forEach(Thread::start);
  }

  private void read(int module, Wire wire) {
    ByteBuffer report = ByteBuffer.allocate(24).order(java.nio.ByteOrder.nativeOrder());
    try {
      while (true) {
        wire.readHeader();
        switch (wire.kind) {
          case Wire.REPORT -> {
            report.clear();
            wire.readPayload(report);
            report.flip();
            reports.put(new Stage.Report(module, wire.seq, wire.rows, report.getDouble(), report.getLong(),
                report.getDouble()));
          }
          case Wire.PARAMS -> {
            wire.readPayload(segments[module].params().memory(segments[module].params().length()));
            snapshots.put(module);
          }
          case Wire.FAILED -> {
            fail(module, new Failure(wire.rows, wire.readText()));
            return;
          }
          default -> throw new IOException(wire.name + ": unexpected frame kind " + wire.kind);
        }
      }
    } catch (IOException e) {
      if (!closing) {
        fail(module, new Failure(FAILED_LINK, e.getMessage()));
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  private synchronized void fail(int module, Failure f) {
    failures[module] = f;
    if (!closing) {
      closing = true;
      errors.close();
      activations.close();
      driver.interrupt();
    }
  }

  @Override
  Stage first() {
    return first;
  }

  @Override
  void atRest(Network net) throws InterruptedException {
    activations.control(Wire.SNAPSHOT, 0);
    for (int m = 1; m < segments.length; m++) {
      snapshots.take();
    }
  }

  @Override
  RuntimeException failure(Exception e) {
    closeAll(false);
    Failure worst = null;
    int from = -1;
    for (int m = 1; m < failures.length; m++) {
      Failure f = failures[m];
      if (f != null && (worst == null || worst.kind == FAILED_LINK && f.kind != FAILED_LINK)) {
        worst = f;
        from = m;
      }
    }
    boolean consequence = e instanceof InterruptedException || e instanceof SocketLink.Broken;
    if (worst == null || worst.kind == FAILED_LINK && !consequence) {
      if (e instanceof InterruptedException) { // from outside (the task was killed): kept
        Thread.currentThread().interrupt();
        return new IllegalStateException("the trial's thread was interrupted", e);
      }
      return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    Thread.interrupted(); // a reader's interruption, now handled
    return worst.kind == FAILED_DIVERGED ? TrialProgress.diverged(worst.message)
        : new IllegalStateException("module " + from + " of " + failures.length + " failed: " + worst.message);
  }

  @Override
  void stop(boolean clean) {
    closeAll(clean);
  }

  /**
   * Sends END when {@code clean} and waits for the other modules to close their connections before
   * closing module 0's (closing a connection with unread bytes would reset it and could lose the END);
   * otherwise closes module 0's links at once, which ends the others. Closes the stragglers after a
   * while.
   */
  private void closeAll(boolean clean) {
    boolean end;
    synchronized (this) {
      end = clean && !closing;
      closing = true;
    }
    if (end) {
      activations.control(Wire.END, 0);
    } else {
      activations.close();
      errors.close();
    }
    awaitReaders(clean);
    activations.close();
    errors.close();
  }

  private void awaitReaders(boolean clean) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(clean ? CLOSE_SECONDS : 5);
    boolean interrupted = false;
    for (Thread t : readers) {
      while (t.isAlive()) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          reportWires.forEach(Wire::close);
        }
        try {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    reportWires.forEach(Wire::close);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
