package io.tributary.bench.client;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Many server-sent event subscribers on their own connections to one server. Counts opened streams,
 * comments (heartbeats) per subscriber, streams that failed or ended, and hands every event to one
 * callback.
 */
public final class Subscribers implements AutoCloseable {

  private final HttpLoad http;
  private final int count;
  private final AtomicIntegerArray comments;
  private final CountDownLatch opened;
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong ended = new AtomicLong();

  private Subscribers(HttpLoad http, int count) {
    this.http = http;
    this.count = count;
    this.comments = new AtomicIntegerArray(count);
    this.opened = new CountDownLatch(count);
  }

  /**
   * Opens {@code count} streams of {@code path}, at most {@code inFlight} opening at a time, and
   * waits until all are open or {@code timeoutSeconds} have passed.
   *
   * @param onEvent receives (event name, data) from any subscriber's event loop
   */
  public static Subscribers open(
      Vertx vertx,
      String baseUrl,
      String path,
      String token,
      int count,
      int inFlight,
      int timeoutSeconds,
      BiConsumer<String, String> onEvent)
      throws InterruptedException {
    Subscribers subs = new Subscribers(new HttpLoad(vertx, baseUrl, count + 16), count);
    Semaphore opening = new Semaphore(inFlight);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (int i = 0; i < count; i++) {
      if (!opening.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      int index = i;
      boolean[] first = {true};
      Runnable onOpen =
          () -> {
            if (first[0]) {
              first[0] = false;
              subs.opened.countDown();
              opening.release();
            }
          };
      SseParser parser =
          new SseParser(
              (event, data) -> {
                onOpen.run();
                onEvent.accept(event, data);
              },
              () -> {
                onOpen.run();
                subs.comments.incrementAndGet(index);
              });
      subs.http.stream(path, token)
          .onSuccess(
              resp -> {
                if (resp.statusCode() != 200) {
                  subs.failed.incrementAndGet();
                  opening.release();
                  return;
                }
                resp.handler(buf -> parser.feed(buf.getBytes()));
                resp.endHandler(v -> subs.ended.incrementAndGet());
                resp.exceptionHandler(e -> subs.ended.incrementAndGet());
              })
          .onFailure(
              e -> {
                subs.failed.incrementAndGet();
                opening.release();
              });
    }
    subs.opened.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    return subs;
  }

  public int count() {
    return count;
  }

  public long openedCount() {
    return count - opened.getCount();
  }

  public long failedCount() {
    return failed.get();
  }

  /** Streams that ended or broke after opening. */
  public long endedCount() {
    return ended.get();
  }

  /** Comments (the greeting and heartbeats) each subscriber has received so far. */
  public int[] commentCounts() {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = comments.get(i);
    }
    return out;
  }

  @Override
  public void close() {
    http.close();
  }
}
