package dev.backproplab.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Streams one URL into a local file with {@link HttpClient}, failing on a non-200 status or a transfer
 * shorter than its {@code Content-Length}. One attempt; retries are the caller's. Thread-safe.
 */
public final class HttpDownloader {
  private final HttpClient client;
  private final Duration requestTimeout;

  /** A downloader using {@code client}, waiting at most {@code requestTimeout} for the response headers. */
  public HttpDownloader(HttpClient client, Duration requestTimeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /** A client that follows redirects (not from https to http) and gives up connecting after 30 s. */
  public static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** An HTTP response with a status other than 200. */
  public static final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpStatusException(URI uri, int status) {
      super("HTTP " + status + " from " + uri);
      this.status = status;
    }

    /** The status code. */
    public int status() {
      return status;
    }

    /** True for statuses worth retrying: 5xx and 429. */
    public boolean retryable() {
      return status >= 500 || status == 429;
    }
  }

  /**
   * Downloads {@code uri} into {@code target} (overwriting it).
   *
   * @return the number of bytes written
   * @throws HttpStatusException on a status other than 200
   * @throws IOException on a network failure or a truncated transfer
   */
  public long download(URI uri, Path target) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + uri, e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new HttpStatusException(uri, response.statusCode());
      }
      OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
      long written = 0;
      try (OutputStream out = Files.newOutputStream(target)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = body.read(buf)) >= 0) {
          out.write(buf, 0, n);
          written += n;
        }
      } catch (IOException e) {
        throw new IOException("transfer broken off after " + written + " of "
            + (declared.isPresent() ? declared.getAsLong() + " announced" : "an unknown number of")
            + " bytes (" + e.getMessage() + ")", e);
      }
      if (declared.isPresent() && written != declared.getAsLong()) {
        throw new IOException("transfer truncated: received " + written + " of the " + declared.getAsLong()
            + " bytes announced by Content-Length");
      }
      return written;
    }
  }
}
