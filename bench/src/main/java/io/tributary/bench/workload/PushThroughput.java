package io.tributary.bench.workload;

import io.tributary.bench.RunContext;
import io.tributary.bench.report.Metric;
import java.util.concurrent.TimeUnit;

/**
 * Workload 1: many clients push batches of small changes, to distinct records and to a small set of
 * shared records; accepted changes per second, end to end (answer received).
 */
public final class PushThroughput {

  static final String NAME = "push";

  private PushThroughput() {}

  /**
   * The distinct-records run and the server's CPU time per accepted change over it, in microseconds
   * (NaN when the workloads run against a server this run did not start).
   */
  record Distinct(PushLoop.Result load, double serverCpuMicrosPerChange) {}

  public static void run(RunContext ctx) throws Exception {
    Distinct distinct = distinct(ctx);
    report(ctx, "distinct records", distinct.load());
    if (!Double.isNaN(distinct.serverCpuMicrosPerChange())) {
      ctx.add(
          Metric.of(
              NAME,
              "server CPU per accepted change, distinct records",
              distinct.serverCpuMicrosPerChange(),
              "µs"));
    }
    int overlap = ctx.options().integer("overlap.records");
    String tenant = ctx.tenant("push-overlap");
    PushLoop.Result overlapping =
        PushLoop.run(
            new SyncSender(ctx.api(), ctx.token(tenant), "notes", overlap),
            ctx.options().integer("clients"),
            ctx.options().integer("batch"),
            TimeUnit.SECONDS.toNanos(ctx.options().integer("duration.s")),
            Long.MAX_VALUE);
    report(ctx, overlap + " shared records", overlapping);
  }

  /** The distinct-records push rate of this run, measured once and shared with the ratios. */
  static Distinct distinct(RunContext ctx) throws Exception {
    return ctx.memo(
        "push.distinct",
        () -> {
          int clients = ctx.options().integer("clients");
          int batch = ctx.options().integer("batch");
          String tenant = ctx.tenant("push");
          SyncSender sender = new SyncSender(ctx.api(), ctx.token(tenant), "notes", 0);
          ctx.setting(
              "push",
              clients
                  + " clients, batches of "
                  + batch
                  + " changes of ~300 B, "
                  + ctx.options().integer("push.warmup.s")
                  + " s warm-up");
          PushLoop.run(
              new SyncSender(ctx.api(), ctx.token(tenant), "warmup", 0),
              clients,
              batch,
              TimeUnit.SECONDS.toNanos(ctx.options().integer("push.warmup.s")),
              Long.MAX_VALUE);
          CpuClock cpu = CpuClock.ofServer(ctx);
          PushLoop.Result load =
              PushLoop.run(
                  sender,
                  clients,
                  batch,
                  TimeUnit.SECONDS.toNanos(ctx.options().integer("duration.s")),
                  Long.MAX_VALUE);
          return new Distinct(load, cpu.microsPer(load.accepted()));
        });
  }

  private static void report(RunContext ctx, String what, PushLoop.Result r) {
    ctx.add(Metric.of(NAME, "accepted changes/s, " + what, r.acceptedPerSecond(), "changes/s"));
    ctx.add(
        Metric.of(
            NAME,
            "push answered p99 (closed loop), " + what,
            r.latencies().percentileMillis(99),
            "ms"));
    if (r.failedRequests() > 0 || r.itemErrors() > 0) {
      ctx.note(
          NAME
              + " ("
              + what
              + "): "
              + r.failedRequests()
              + " of "
              + r.requests()
              + " requests failed, "
              + r.itemErrors()
              + " items in error");
    }
  }
}
