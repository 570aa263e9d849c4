package dev.backproplab.datasets.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 (port 0) with handlers that misbehave on purpose. */
public final class TestServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  public TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.start();
  }

  /** Serves {@code body} with status 200 under {@code /<mirror>/<file>}. */
  public TestServer serve(String mirror, String file, byte[] body) {
    return handle(mirror, file, ex -> {
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
  }

  /** Announces {@code body.length} bytes, sends half of them, then drops the connection. */
  TestServer truncate(String mirror, String file, byte[] body) {
    return handle(mirror, file, ex -> {
      ex.sendResponseHeaders(200, body.length);
      OutputStream out = ex.getResponseBody();
      out.write(body, 0, body.length / 2);
      out.flush();
      ex.close(); // fewer bytes than Content-Length: the server drops the connection
    });
  }

  /** Answers {@code status} with an empty body. */
  TestServer status(String mirror, String file, int status) {
    return handle(mirror, file, ex -> {
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
  }

  /** The base URL of a mirror. */
  public URI mirror(String mirror) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + mirror + "/");
  }

  /** How many requests {@code /<mirror>/<file>} received. */
  public int hits(String mirror, String file) {
    AtomicInteger n = hits.get("/" + mirror + "/" + file);
    return n == null ? 0 : n.get();
  }

  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  private TestServer handle(String mirror, String file, Handler h) {
    String path = "/" + mirror + "/" + file;
    hits.put(path, new AtomicInteger());
    server.createContext(path, ex -> {
      hits.get(path).incrementAndGet();
      ex.getRequestBody().readAllBytes();
      h.handle(ex);
    });
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
