package io.tributary.bench.workload;

import io.tributary.bench.RunContext;
import io.tributary.bench.report.Metric;
import io.tributary.bench.report.Target;
import io.tributary.bench.stats.Latencies;
import java.util.concurrent.TimeUnit;

/**
 * Workload 3: pushes at a fixed offered load, open loop ({@link OpenLoop}): each push's latency
 * runs from its intended start, so a stall is charged to every push it delays.
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
    OpenLoop.run(
        () -> sender.send(0, batch),
        intervalNanos,
        TimeUnit.SECONDS.toNanos(ctx.options().integer("warmup.s")));
    OpenLoop.Result measured =
        OpenLoop.run(() -> sender.send(0, batch), intervalNanos, TimeUnit.SECONDS.toNanos(seconds));
    Latencies l = measured.latencies();
    long failed = measured.statuses().total() - measured.statuses().ok();
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
    if (failed > 0) {
      ctx.note(NAME + ": " + failed + " of " + l.count() + " pushes failed");
    }
  }
}
