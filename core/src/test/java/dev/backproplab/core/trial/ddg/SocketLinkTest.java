package dev.backproplab.core.trial.ddg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.nn.DataView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A hand-off over a real loopback connection: frames, sequence check, credits, and a clean end when the peer goes. */
@Timeout(60)
class SocketLinkTest {
  private static final int ROWS = 4;
  private static final int WIDTH = 3;

  private Wire sending;
  private Wire receiving;

  @BeforeEach
  void connect() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      SocketChannel out = SocketChannel.open(server.getLocalAddress());
      sending = new Wire(out, "activations 0->1");
      receiving = new Wire(server.accept(), "activations 0->1");
    }
  }

  @AfterEach
  void close() {
    sending.close();
    receiving.close();
  }

  private static DataView rows(DataType type, int rows, double base) {
    DataView v = DataView.of(Nd4j.create(type, (long) rows * WIDTH));
    for (int i = 0; i < rows * WIDTH; i++) {
      v.set(i, base + i / 7.0);
    }
    return v;
  }

  private static void send(SocketLink.Out out, long seq, DataView data, int[] labels, int rows) throws Exception {
    Handoff.Message m = out.claim();
    m.fill(seq, data, labels, rows, WIDTH);
    out.send(m);
  }

  private static boolean readerAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void minibatchesArriveWholeInOrderWithTheirLabelsAndControlFramesBetween(String precision) throws Exception {
    DataType type = DataType.valueOf(precision);
    SocketLink.Out out = new SocketLink.Out(sending, 2, ROWS, WIDTH, type);
    try (SocketLink.In in = new SocketLink.In(receiving, 2, ROWS, WIDTH, type, "test-reader")) {
      for (int s = 0; s < 5; s++) {
        int rows = s == 4 ? 2 : ROWS; // the last minibatch of an epoch is short
        DataView data = rows(type, rows, s);
        int[] labels = s % 2 == 0 ? new int[] {s, 1, 2, 0} : null;
        send(out, s, data, labels, rows);
        if (s == 2) {
          out.control(Wire.SNAPSHOT, 0);
        }
        assertEquals(Wire.DATA, in.next());
        Handoff.Message m = in.receive(s);
        assertEquals(rows, m.size);
        assertEquals(labels != null, m.labelled);
        for (int i = 0; i < rows * WIDTH; i++) {
          assertEquals(data.get(i), m.data.get(i), 0.0, "element " + i + " of minibatch " + s + ", " + type);
        }
        if (labels != null) {
          int[] got = new int[rows];
          System.arraycopy(m.labels, 0, got, 0, rows);
          int[] want = new int[rows];
          System.arraycopy(labels, 0, want, 0, rows);
          assertArrayEquals(want, got);
        }
        in.release(m);
        if (s == 2) {
          assertEquals(Wire.SNAPSHOT, in.next());
        }
      }
      out.control(Wire.END, 0);
      assertEquals(Wire.END, in.next());
    }
  }

  @Test
  void aLostOrRepeatedMinibatchFailsTheReceiver() throws Exception {
    SocketLink.Out out = new SocketLink.Out(sending, 2, ROWS, WIDTH, DataType.FLOAT);
    try (SocketLink.In in = new SocketLink.In(receiving, 2, ROWS, WIDTH, DataType.FLOAT, "test-reader")) {
      send(out, 0, rows(DataType.FLOAT, ROWS, 0), null, ROWS);
      send(out, 2, rows(DataType.FLOAT, ROWS, 0), null, ROWS);
      in.release(in.receive(0));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> in.receive(1));
      assertEquals("activations 0->1: expected minibatch 1, got 2", e.getMessage());
    }
  }

  @Test
  void theSenderWaitsForCreditsSoNoMoreThanTheCapacityIsInFlight() throws Exception {
    SocketLink.Out out = new SocketLink.Out(sending, 2, ROWS, WIDTH, DataType.FLOAT);
    try (SocketLink.In in = new SocketLink.In(receiving, 2, ROWS, WIDTH, DataType.FLOAT, "test-reader")) {
      send(out, 0, rows(DataType.FLOAT, ROWS, 0), null, ROWS);
      send(out, 1, rows(DataType.FLOAT, ROWS, 1), null, ROWS);
      CompletableFuture<Handoff.Message> third = CompletableFuture.supplyAsync(out::claim);
      Handoff.Message first = in.receive(0);
      assertFalse(third.isDone(), "a third minibatch before the receiver released one");
      in.release(first);
      assertTrue(third.get(30, TimeUnit.SECONDS) != null, "released: the sender may send again");
    }
  }

  @Test
  void whenTheSenderGoesAWaitingReceiverFailsNamingTheLinkAndItsReaderEnds() throws Exception {
    SocketLink.In in = new SocketLink.In(receiving, 2, ROWS, WIDTH, DataType.FLOAT, "test-reader-gone");
    CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        in.receive(0);
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    sending.close();
    Throwable t = waiting.get(30, TimeUnit.SECONDS);
    assertTrue(t instanceof SocketLink.Broken, String.valueOf(t));
    assertTrue(t.getMessage().startsWith("activations 0->1: ") && t.getMessage().contains("closed the connection"),
        t.getMessage());
    assertThrows(SocketLink.Broken.class, () -> in.next(), "every later wait ends too");
    in.close();
    assertFalse(readerAlive("test-reader-gone"));
  }

  @Test
  void aSenderWhoseReceiverIsGoneFailsNamingTheLink() throws Exception {
    SocketLink.Out out = new SocketLink.Out(sending, 1, ROWS, WIDTH, DataType.FLOAT);
    receiving.close();
    DataView data = rows(DataType.FLOAT, ROWS, 0);
    SocketLink.Broken e = assertThrows(SocketLink.Broken.class, () -> {
      send(out, 0, data, null, ROWS); // the write may still reach the socket's buffer
      out.claim(); // but no credit can come back
    });
    assertTrue(e.getMessage().startsWith("activations 0->1: "), e.getMessage());
  }
}
