package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.nn.Network;
import dev.backproplab.core.nn.Segment;
import dev.backproplab.core.trial.Networks;
import dev.backproplab.core.trial.Seeds;
import dev.backproplab.core.trial.Trainer;
import dev.backproplab.core.trial.TrialProgress;
import dev.backproplab.core.trial.TrialSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One module of a {@code ddg} trial run in barrier execution mode: K processes (Spark's barrier
 * tasks, gang-scheduled), each holding one module, linked by TCP ({@link SocketLink}) with the same
 * schedule as the threaded pipeline (Huo et al. 2018's delayed gradients, module k K - 1 - k steps
 * stale), so the same numbers.
 *
 * <p>Call order, in each of the K processes: {@link #open} (a server socket on the given host), share
 * {@link #address()} with the others (Spark: {@code BarrierTaskContext.allGather}), {@link #connect}
 * with everyone's addresses in module order, then module 0 trains the trial with {@link #trainer} (under
 * a {@code TrialRunner}, which yields the trial's one result, curve and parameters) while every other
 * module runs {@link #serve} until module 0 ends the trial; {@link #close} always. Every module builds
 * the same network from the trial's seed; module 0 reads the data and measures the curve.
 *
 * <p>Ends: after the budget, the time limit or an early stop, module 0 tells the others to end and
 * they close their connections. A module that fails (an error, a divergence in the top module, data
 * it cannot load) reports its error to module 0 and closes its connections; the others see theirs end
 * and stop within the time it takes to notice a closed socket. No thread or connection outlives
 * {@link #train}/{@link #serve} and {@link #close}.
 */
public final class BarrierModule implements AutoCloseable {
  private static final int ACTIVATIONS = 1;
  private static final int ERRORS = 2;
  private static final int REPORTS = 3;

  private final int module;
  private final int modules;
  private final ServerSocketChannel server;
  private final List<Wire> open = new ArrayList<>();
  private Links links;

  /** Module 0's or module k's connections (null where the module has none). */
  record Links(Wire activationsIn, Wire errorsOut, Wire activationsOut, Wire errorsIn, Wire reportOut,
      List<Wire> reportsIn) {}

  private BarrierModule(int module, int modules, ServerSocketChannel server) {
    this.module = module;
    this.modules = modules;
    this.server = server;
  }

  /**
   * Module {@code module} of {@code modules}, listening on a free port of {@code host} (the address
   * the other modules reach this process by).
   */
  public static BarrierModule open(int module, int modules, String host) throws IOException {
    if (module < 0 || module >= modules) {
      throw new IllegalArgumentException("module " + module + " of " + modules);
    }
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      server.bind(new InetSocketAddress(host, 0));
    } catch (IOException e) {
      server.close();
      throw new IOException("module " + module + ": could not listen on " + host + ": " + e.getMessage(), e);
    }
    return new BarrierModule(module, modules, server);
  }

  /** {@code host:port} where this module listens. */
  public String address() {
    InetSocketAddress a = (InetSocketAddress) server.socket().getLocalSocketAddress();
    return a.getHostString() + ":" + a.getPort();
  }

  /**
   * Connects to the neighbouring modules (and module 0 for reports) at {@code addresses} (module
   * order), and accepts their connections; waits at most {@code timeout} for each.
   *
   * @throws IOException naming the module and address that could not be reached
   */
  public void connect(List<String> addresses, Duration timeout) throws IOException {
    if (addresses.size() != modules) {
      throw new IllegalArgumentException(addresses.size() + " addresses for " + modules + " modules");
    }
    Wire errorsOut = module > 0 ? dial(addresses, module - 1, ERRORS, "errors " + module + "->" + (module - 1), timeout)
        : null;
    Wire reportOut = module > 0 ? dial(addresses, 0, REPORTS, "reports " + module + "->0", timeout) : null;
    Wire activationsOut = module + 1 < modules
        ? dial(addresses, module + 1, ACTIVATIONS, "activations " + module + "->" + (module + 1), timeout) : null;
    Wire activationsIn = null;
    Wire errorsIn = null;
    Wire[] reportsIn = new Wire[modules];
    int expected = (module > 0 ? 1 : 0) + (module + 1 < modules ? 1 : 0) + (module == 0 ? modules - 1 : 0);
    server.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    for (int i = 0; i < expected; i++) {
      Socket s;
      try {
        s = server.socket().accept();
      } catch (SocketTimeoutException e) {
        throw new IOException("module " + module + " of " + modules + " at " + address() + ": " + (expected - i)
            + " of the other modules did not connect within " + timeout.toSeconds() + " s", e);
      }
      SocketChannel ch = s.getChannel();
      ch.socket().setTcpNoDelay(true);
      Wire w = new Wire(ch, "connection from " + s.getRemoteSocketAddress() + " to module " + module);
      open.add(w);
      w.readHello();
      int role = w.rows;
      int from = (int) w.seq;
      if (role == ACTIVATIONS && from == module - 1 && activationsIn == null) {
        activationsIn = rename(w, "activations " + from + "->" + module, addresses.get(from));
      } else if (role == ERRORS && from == module + 1 && errorsIn == null) {
        errorsIn = rename(w, "errors " + from + "->" + module, addresses.get(from));
      } else if (role == REPORTS && module == 0 && from > 0 && from < modules && reportsIn[from] == null) {
        reportsIn[from] = rename(w, "reports " + from + "->0", addresses.get(from));
      } else {
        throw new IOException("module " + module + " of " + modules + ": an unexpected connection (kind " + role
            + " from module " + from + ")");
      }
    }
    List<Wire> reports = new ArrayList<>();
    for (int m = 1; m < modules && module == 0; m++) {
      reports.add(reportsIn[m]);
    }
    links = new Links(activationsIn, errorsOut, activationsOut, errorsIn, reportOut, reports);
  }

  private Wire rename(Wire w, String name, String peer) {
    open.remove(w);
    Wire named = w.renamed(name + " (" + peer + ")");
    open.add(named);
    return named;
  }

  private Wire dial(List<String> addresses, int to, int role, String name, Duration timeout) throws IOException {
    String address = addresses.get(to);
    int colon = address.lastIndexOf(':');
    SocketChannel ch = SocketChannel.open();
    try {
      ch.socket().connect(new InetSocketAddress(address.substring(0, colon),
          Integer.parseInt(address.substring(colon + 1))), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      ch.socket().setTcpNoDelay(true);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw new IOException("module " + module + " of " + modules + " could not reach module " + to + " at "
          + address + ": " + e.getMessage(), e);
    }
    Wire w = new Wire(ch, name + " (" + address + ")");
    open.add(w);
    w.hello(role, module);
    return w;
  }

  /**
   * Module 0's trainer: trains the trial, the other modules {@link #serve}ing it (one module alone:
   * bp's arithmetic on this task, no connection).
   */
  public Trainer trainer(DdgConfig config) {
    requireConnected(0);
    return new DdgTrainer(config, DdgTrainer.ModuleThreads.NONE, modules == 1 ? ThreadPipeline.of(
        DdgTrainer.ModuleThreads.NONE) : (cfg, net, bounds, maxRows) -> new SocketPipeline(cfg, net, bounds, maxRows,
        links));
  }

  /**
   * Runs module k (k &gt; 0) of {@code spec}'s trial until module 0 ends it or a module fails; never
   * throws for the trial's sake: its failure (including data that {@code data} cannot load) goes to
   * module 0, which records it.
   */
  public void serve(DdgConfig config, TrialSpec spec, Supplier<DataSplit> data) {
    if (module == 0) {
      throw new IllegalStateException("module 0 trains the trial: call trainer()");
    }
    requireConnected(module);
    List<AutoCloseable> readers = new ArrayList<>();
    try {
      DataSplit split = data.get();
      if (split.validation() == null) {
        split = split.holdOut(spec.validation());
      }
      Network net = Networks.build(spec.model(), split.train(), config.dataType(),
          spec.seeds().seed(Seeds.Stream.INIT));
      int[] bounds = DdgTrainer.bounds(config, net);
      int maxRows = DdgTrainer.maxRows(config, split.train());
      Segment segment = new Segment(net, bounds[module], bounds[module + 1], modules - module);
      SocketLink.In activations = new SocketLink.In(links.activationsIn(), ThreadPipeline.CAPACITY, maxRows,
          segment.inputWidth(), net.dataType(), "ddg-barrier-" + module + "-activations");
      readers.add(activations);
      SocketLink.Out up = null;
      SocketLink.In errors = null;
      if (links.activationsOut() != null) {
        up = new SocketLink.Out(links.activationsOut(), ThreadPipeline.CAPACITY, maxRows, segment.outputWidth(),
            net.dataType());
        errors = new SocketLink.In(links.errorsIn(), ThreadPipeline.CAPACITY, maxRows, segment.outputWidth(),
            net.dataType(), "ddg-barrier-" + module + "-errors");
        readers.add(errors);
      }
      Stage stage = Stage.of(config, module, modules, segment, activations, up,
          errors, new SocketLink.Out(links.errorsOut(), ThreadPipeline.CAPACITY, maxRows, segment.inputWidth(),
              net.dataType()));
      run(stage, activations, up, segment);
    } catch (Throwable e) {
      report(e);
    } finally {
      for (AutoCloseable c : readers) {
        try {
          c.close();
        } catch (Exception e) {
          // closing is best effort
        }
      }
      close();
    }
  }

  private void run(Stage stage, SocketLink.In activations, SocketLink.Out up, Segment segment)
      throws InterruptedException, IOException {
    Wire out = links.reportOut();
    ByteBuffer report = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
    while (true) {
      switch (activations.next()) {
        case Wire.DATA -> {
          Stage.Report r = stage.step();
          report.clear();
          report.putDouble(r.loss()).putLong(r.staleness()).putDouble(r.gradientNorm()).flip();
          out.write(Wire.REPORT, r.size(), r.seq(), report, null, 0);
        }
        case Wire.SNAPSHOT -> {
          if (up != null) {
            up.control(Wire.SNAPSHOT, 0);
          }
          out.write(Wire.PARAMS, 0, 0, segment.params().memory(segment.params().length()), null, 0);
        }
        case Wire.END -> {
          if (up != null) {
            up.control(Wire.END, 0);
          }
          return;
        }
        default -> throw new IllegalStateException("module " + module + ": unexpected frame on its activations");
      }
    }
  }

  /** Sends module 0 this module's failure, if the connection still stands. */
  private void report(Throwable e) {
    int kind = TrialProgress.isDivergence(e) ? SocketPipeline.FAILED_DIVERGED
        : e instanceof SocketLink.Broken || e instanceof IOException ? SocketPipeline.FAILED_LINK
            : SocketPipeline.FAILED_ERROR;
    String message = TrialProgress.isDivergence(e) ? e.getMessage() : e.toString();
    try {
      links.reportOut().writeText(Wire.FAILED, kind, message);
    } catch (IOException | RuntimeException ignored) {
      // module 0 is gone: it has its own error to record
    }
  }

  private void requireConnected(int expected) {
    if (links == null) {
      throw new IllegalStateException("module " + module + " is not connected: call connect() first");
    }
    if (expected == 0 && module != 0) {
      throw new IllegalStateException("module " + module + " serves the trial: only module 0 trains it");
    }
  }

  /** Closes the server socket and every connection. */
  @Override
  public void close() {
    open.forEach(Wire::close);
    try {
      server.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }
}
