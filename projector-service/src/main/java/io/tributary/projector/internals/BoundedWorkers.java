package io.tributary.projector.internals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pool of the query endpoint: store reads and Streams metadata calls run here, never on
 * the event loop. Work beyond a fixed number in flight is refused with 503 and {@code Retry-After}.
 */
final class BoundedWorkers implements AutoCloseable {

  private final WorkerExecutor workers;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();

  BoundedWorkers(Vertx vertx, String name, int threads, int maxInFlight) {
    this.workers = vertx.createSharedWorkerExecutor(name, threads);
    this.maxInFlight = maxInFlight;
  }

  /**
   * Runs {@code work} on the pool. Answers 503 itself when too much is in flight and fails the
   * request (500) when the work throws; the returned future then never succeeds.
   */
  <T> Future<T> run(RoutingContext ctx, Callable<T> work) {
    return runAll(ctx, List.of(work)).map(results -> results.get(0));
  }

  /**
   * Runs each of {@code work} on the pool, side by side, as one unit of work in flight; succeeds
   * with their results in order once all have. Answers 503 itself when too much is in flight and
   * fails the request (500) when a part throws; the returned future then never succeeds.
   */
  <T> Future<List<T>> runAll(RoutingContext ctx, List<Callable<T>> work) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      HttpReplies.error(ctx, 503, "overloaded", "too many queries in flight; retry later");
      return Future.failedFuture("overloaded");
    }
    List<Future<T>> parts = new ArrayList<>(work.size());
    for (Callable<T> part : work) {
      parts.add(workers.executeBlocking(part, false));
    }
    return Future.all(parts)
        .<List<T>>map(all -> all.list())
        .andThen(done -> inFlight.decrementAndGet())
        .onFailure(
            failure -> {
              if (!ctx.response().ended()) {
                ctx.fail(500, failure);
              }
            });
  }

  @Override
  public void close() {
    workers.close();
  }
}
