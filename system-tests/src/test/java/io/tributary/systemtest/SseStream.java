package io.tributary.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Server-Sent Events subscription read on its own thread: frames ({@code event:}, {@code data:},
 * blank line) are parsed as they arrive and collected for the test to inspect; comment lines
 * (heartbeats) are counted. Close it to end the request.
 */
public final class SseStream implements AutoCloseable {

  private final ExecutorService thread;
  private final List<SseEvent> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger comments = new AtomicInteger();
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private final CompletableFuture<HttpResponse<Void>> response;
  private final AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private SseStream(URI uri, String token) {
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "sse-reader " + uri.getPath());
              t.setDaemon(true);
              return t;
            });
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(thread)
            .build();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    this.response =
        http.sendAsync(
            request.GET().build(),
            info -> {
              // Called when the headers arrive; the response future itself completes only at the
              // end.
              head.set(info);
              return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
            });
  }

  /** Opens {@code uri} with {@code token} (null: none) and starts reading. */
  public static SseStream open(URI uri, String token) {
    return new SseStream(uri, token);
  }

  /** The HTTP status, once the headers arrived; null before. */
  public Integer statusOrNull() {
    HttpResponse.ResponseInfo info = head.get();
    return info == null ? null : info.statusCode();
  }

  /** The Content-Type header, once the headers arrived; null before. */
  public String contentType() {
    HttpResponse.ResponseInfo info = head.get();
    return info == null ? null : info.headers().firstValue("Content-Type").orElse(null);
  }

  /** Every event received so far, in order. */
  public List<SseEvent> events() {
    return new ArrayList<>(events);
  }

  /** Comment lines (heartbeats) received so far. */
  public int comments() {
    return comments.get();
  }

  /** A read error or the stream's end, if any: a live stream should have none. */
  public Throwable failure() {
    return failure.get();
  }

  @Override
  public void close() {
    Flow.Subscription s = subscription.get();
    if (s != null) {
      s.cancel();
    }
    response.cancel(true);
    thread.shutdownNow();
  }

  /** Parses lines into frames, on the client's (single) executor thread. */
  private final class Lines implements Flow.Subscriber<String> {
    private String event;
    private StringBuilder data;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription.set(s);
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.isEmpty()) {
        dispatch();
      } else if (line.startsWith(":")) {
        comments.incrementAndGet();
      } else {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        if (field.equals("event")) {
          event = value;
        } else if (field.equals("data")) {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
      }
    }

    private void dispatch() {
      if (data != null) {
        events.add(new SseEvent(event == null ? "message" : event, data.toString()));
      }
      event = null;
      data = null;
    }

    @Override
    public void onError(Throwable t) {
      failure.compareAndSet(null, t);
    }

    @Override
    public void onComplete() {
      failure.compareAndSet(null, new IllegalStateException("the server ended the stream"));
    }
  }
}
