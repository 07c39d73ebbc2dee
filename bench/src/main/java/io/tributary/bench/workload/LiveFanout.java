package io.tributary.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.bench.RunContext;
import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.client.Subscribers;
import io.tributary.bench.report.Metric;
import io.tributary.bench.report.Target;
import io.tributary.bench.stats.Latencies;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Workload 5: {@code fanout.subscribers} live subscribers (server-sent events) of one collection on
 * one API instance, one writer pushing one change at a time at a steady pace. For every event at
 * every subscriber: the delay from the push's answer (accepted) to the event, and from the push's
 * start.
 */
public final class LiveFanout {

  static final String NAME = "fanout";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PREFIX = "live-";

  private LiveFanout() {}

  public static void run(RunContext ctx) throws Exception {
    int subscribers = ctx.options().integer("fanout.subscribers");
    int pushes = ctx.options().integer("fanout.pushes");
    int intervalMs = ctx.options().integer("fanout.interval.ms");
    int warmup = Math.max(1, pushes / 10);
    int total = pushes + warmup;
    String tenant = ctx.tenant("fanout");
    String token = ctx.token(tenant);
    ctx.setting(
        "fanout",
        subscribers
            + " SSE subscribers of one collection, 1 writer pushing 1 change every "
            + intervalMs
            + " ms, "
            + pushes
            + " measured pushes after "
            + warmup);

    ConcurrentLinkedQueue<long[]> receipts = new ConcurrentLinkedQueue<>();
    AtomicLong events = new AtomicLong();
    try (Subscribers subs =
        Subscribers.open(
            ctx.vertx(),
            ctx.apiBaseUrl(),
            "/v1/sync/stream?collections=live",
            token,
            subscribers,
            200,
            180,
            (event, data) -> {
              long now = System.nanoTime();
              if (event.equals("changes")) {
                for (JsonNode change : parse(data).path("changes")) {
                  String id = change.path("recordId").asText();
                  if (id.startsWith(PREFIX)) {
                    receipts.add(new long[] {Long.parseLong(id.substring(PREFIX.length())), now});
                    events.incrementAndGet();
                  }
                }
              }
            })) {
      if (subs.openedCount() < subscribers) {
        ctx.note(NAME + ": only " + subs.openedCount() + " of " + subscribers + " streams opened");
      }
      AtomicLongArray sent = new AtomicLongArray(total);
      AtomicLongArray answered = new AtomicLongArray(total);
      AtomicLong failed = new AtomicLong();
      CountDownLatch replies = new CountDownLatch(total);
      HttpLoad http = ctx.api();
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = start + TimeUnit.MILLISECONDS.toNanos((long) i * intervalMs);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        int n = i;
        String body =
            "{\"changes\":[{\"id\":\"fan-"
                + tenant
                + "-"
                + n
                + "\",\"collection\":\"live\",\"recordId\":\""
                + PREFIX
                + n
                + "\",\"type\":\"update\",\"data\":{\"title\":\"live "
                + n
                + "\"}}]}";
        sent.set(n, System.nanoTime());
        http.post("/v1/sync/push", token, body)
            .onComplete(
                ar -> {
                  answered.set(n, System.nanoTime());
                  if (ar.failed() || ar.result().status() != 200) {
                    failed.incrementAndGet();
                  }
                  replies.countDown();
                });
      }
      replies.await(2, TimeUnit.MINUTES);
      long expected = (long) total * subs.openedCount();
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (events.get() < expected && System.nanoTime() < waitUntil) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
      Latencies fromAccepted = new Latencies();
      Latencies fromSent = new Latencies();
      long early = 0;
      long measured = 0;
      for (long[] r : receipts) {
        int n = (int) r[0];
        if (n < warmup || n >= total) {
          continue;
        }
        measured++;
        long afterAnswer = r[1] - answered.get(n);
        if (afterAnswer < 0) {
          early++;
        }
        fromAccepted.recordNanos(afterAnswer);
        fromSent.recordNanos(r[1] - sent.get(n));
      }
      long wanted = (long) pushes * subs.openedCount();
      ctx.add(
          Metric.of(
              NAME,
              "push accepted → event p50, " + subscribers + " subscribers",
              fromAccepted.percentileMillis(50),
              "ms"));
      ctx.add(
          new Metric(
              NAME,
              "push accepted → event p99, " + subscribers + " subscribers",
              fromAccepted.percentileMillis(99),
              "ms",
              Target.atMost(50)));
      ctx.add(Metric.of(NAME, "push sent → event p50", fromSent.percentileMillis(50), "ms"));
      ctx.add(Metric.of(NAME, "push sent → event p99", fromSent.percentileMillis(99), "ms"));
      ctx.add(Metric.of(NAME, "events delivered ÷ expected", measured / (double) wanted, "ratio"));
      if (early > 0) {
        ctx.note(
            NAME
                + ": "
                + early
                + " of "
                + measured
                + " events reached their subscriber before the writer had the push's answer;"
                + " they count as 0 ms after acceptance");
      }
      if (failed.get() > 0 || subs.endedCount() > 0 || subs.failedCount() > 0) {
        ctx.note(
            NAME
                + ": "
                + failed.get()
                + " pushes failed, "
                + subs.failedCount()
                + " streams refused, "
                + subs.endedCount()
                + " streams ended early");
      }
    }
  }

  private static JsonNode parse(String data) {
    try {
      return MAPPER.readTree(data);
    } catch (IOException e) {
      return MAPPER.createObjectNode();
    }
  }
}
