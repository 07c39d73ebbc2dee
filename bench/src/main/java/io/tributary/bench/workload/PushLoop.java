package io.tributary.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.stats.Latencies;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: {@code clients} clients each send a batch, wait for its answer, and send the
 * next, until a deadline or a number of sent changes. Counts what the server answered per item.
 */
final class PushLoop {

  /** What one loop measured. */
  record Result(
      long accepted,
      long conflicts,
      long itemErrors,
      long failedRequests,
      long requests,
      long elapsedNanos,
      Latencies latencies) {

    double acceptedPerSecond() {
      return elapsedNanos <= 0 ? 0 : accepted * 1e9 / elapsedNanos;
    }
  }

  /** Sends one batch and says how many of its items were accepted, in conflict or in error. */
  interface Sender {
    Future<HttpLoad.Reply> send(int client, int batch);

    /** {accepted, conflicts, errors} of a 200 answer. */
    long[] count(JsonNode answer);
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PushLoop() {}

  /**
   * @param maxChanges stop sending once this many changes were sent (Long.MAX_VALUE: no limit)
   */
  static Result run(Sender sender, int clients, int batch, long durationNanos, long maxChanges)
      throws InterruptedException {
    LongAdder accepted = new LongAdder();
    LongAdder conflicts = new LongAdder();
    LongAdder errors = new LongAdder();
    LongAdder failed = new LongAdder();
    LongAdder requests = new LongAdder();
    AtomicLong budget = new AtomicLong(maxChanges);
    Latencies latencies = new Latencies();
    CountDownLatch done = new CountDownLatch(clients);
    long start = System.nanoTime();
    long deadline = start + durationNanos;
    for (int c = 0; c < clients; c++) {
      int client = c;
      Runnable[] loop = new Runnable[1];
      loop[0] =
          () -> {
            if (System.nanoTime() >= deadline || budget.addAndGet(-batch) < 0) {
              done.countDown();
              return;
            }
            long sent = System.nanoTime();
            sender
                .send(client, batch)
                .onComplete(
                    ar -> {
                      latencies.recordNanos(System.nanoTime() - sent);
                      requests.increment();
                      if (ar.succeeded() && ar.result().status() / 100 == 2) {
                        long[] counts = sender.count(parse(ar.result()));
                        accepted.add(counts[0]);
                        conflicts.add(counts[1]);
                        errors.add(counts[2]);
                      } else {
                        failed.increment();
                      }
                      loop[0].run();
                    });
          };
      loop[0].run();
    }
    if (!done.await(durationNanos / 1_000_000 + 120_000, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("Push clients did not finish within two minutes of the end");
    }
    long elapsed = System.nanoTime() - start;
    return new Result(
        accepted.sum(),
        conflicts.sum(),
        errors.sum(),
        failed.sum(),
        requests.sum(),
        elapsed,
        latencies);
  }

  static JsonNode parse(HttpLoad.Reply reply) {
    try {
      return MAPPER.readTree(reply.body().getBytes());
    } catch (IOException e) {
      return MAPPER.createObjectNode();
    }
  }

  static int size(JsonNode node, String field) {
    JsonNode array = node.get(field);
    return array == null ? 0 : array.size();
  }
}
