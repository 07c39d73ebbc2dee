package io.tributary.bench.workload;

import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.stats.Latencies;
import io.tributary.bench.stats.StatusCounts;
import io.vertx.core.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Open-loop load at a fixed offered rate: request i is due at {@code start + i × interval} and its
 * latency runs from that intended time, not from when it was actually sent, so a stalled server or
 * client is charged for every request it delayed (no coordinated omission).
 */
final class OpenLoop {

  /** What one schedule measured: latency of every request, and its answers by kind. */
  record Result(Latencies latencies, StatusCounts statuses) {}

  private OpenLoop() {}

  /**
   * Sends {@code durationNanos / intervalNanos} requests on schedule from the calling thread and
   * waits (at most two minutes after the last) until all are answered.
   */
  static Result run(
      Supplier<Future<HttpLoad.Reply>> request, long intervalNanos, long durationNanos)
      throws InterruptedException {
    return run(
        request, intervalNanos, durationNanos, new Result(new Latencies(), new StatusCounts()));
  }

  /**
   * As {@link #run(Supplier, long, long)}, recording into {@code into}, e.g. one of several rounds.
   */
  static Result run(
      Supplier<Future<HttpLoad.Reply>> request, long intervalNanos, long durationNanos, Result into)
      throws InterruptedException {
    Latencies latencies = into.latencies();
    StatusCounts statuses = into.statuses();
    long total = durationNanos / intervalNanos;
    CountDownLatch answered = new CountDownLatch((int) total);
    long start = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long intended = start + i * intervalNanos;
      for (long wait = intended - System.nanoTime();
          wait > 0;
          wait = intended - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      request
          .get()
          .onComplete(
              ar -> {
                latencies.recordNanos(System.nanoTime() - intended);
                statuses.record(ar.succeeded() ? ar.result().status() : StatusCounts.NO_ANSWER);
                answered.countDown();
              });
    }
    if (!answered.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException(
          "Requests still unanswered two minutes after the last was sent");
    }
    return into;
  }
}
