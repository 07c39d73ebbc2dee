package io.tributary.bench.workload;

import io.tributary.bench.RunContext;
import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.report.Metric;
import io.tributary.bench.report.Target;
import io.tributary.bench.stats.Latencies;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Workload 3: pushes at a fixed offered load, open loop. Request i is due at {@code start + i ×
 * interval}; its latency runs from that intended time, not from when it was actually sent, so a
 * stalled server or client is charged for every request it delayed (no coordinated omission).
 */
public final class PushLatency {

  static final String NAME = "latency";

  private PushLatency() {}

  public static void run(RunContext ctx) throws Exception {
    int rate = ctx.options().integer("latency.rate");
    int batch = ctx.options().integer("latency.batch");
    int seconds = ctx.options().integer("latency.duration.s");
    String tenant = ctx.tenant("latency");
    SyncSender sender = new SyncSender(ctx.api(), ctx.token(tenant), "notes", 0);
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) * batch / rate;
    ctx.setting(
        "latency",
        rate
            + " changes/s offered as "
            + (rate / batch)
            + " pushes/s of "
            + batch
            + " changes, "
            + seconds
            + " s after "
            + ctx.options().integer("warmup.s")
            + " s warm-up; latency from each push's intended start (HdrHistogram)");
    schedule(
        sender, intervalNanos, TimeUnit.SECONDS.toNanos(ctx.options().integer("warmup.s")), batch);
    Outcome measured = schedule(sender, intervalNanos, TimeUnit.SECONDS.toNanos(seconds), batch);
    Latencies l = measured.latencies;
    ctx.add(
        Metric.of(
            NAME, "push answered p50 at " + rate + " changes/s", l.percentileMillis(50), "ms"));
    ctx.add(
        new Metric(
            NAME,
            "push answered p99 at " + rate + " changes/s",
            l.percentileMillis(99),
            "ms",
            Target.atMost(25)));
    ctx.add(
        Metric.of(
            NAME, "push answered p99.9 at " + rate + " changes/s", l.percentileMillis(99.9), "ms"));
    ctx.add(Metric.of(NAME, "push answered max at " + rate + " changes/s", l.maxMillis(), "ms"));
    if (measured.failed.get() > 0) {
      ctx.note(NAME + ": " + measured.failed.get() + " of " + l.count() + " pushes failed");
    }
  }

  private record Outcome(Latencies latencies, AtomicLong failed) {}

  private static Outcome schedule(
      SyncSender sender, long intervalNanos, long durationNanos, int batch)
      throws InterruptedException {
    Latencies latencies = new Latencies();
    AtomicLong failed = new AtomicLong();
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
      sender
          .send(0, batch)
          .onComplete(
              ar -> {
                latencies.recordNanos(System.nanoTime() - intended);
                HttpLoad.Reply reply = ar.succeeded() ? ar.result() : null;
                if (reply == null || reply.status() != 200) {
                  failed.incrementAndGet();
                }
                answered.countDown();
              });
    }
    if (!answered.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException(
          "Pushes still unanswered two minutes after the last was sent");
    }
    return new Outcome(latencies, failed);
  }
}
