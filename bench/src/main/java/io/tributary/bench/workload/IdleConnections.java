package io.tributary.bench.workload;

import io.tributary.bench.RunContext;
import io.tributary.bench.client.Subscribers;
import io.tributary.bench.report.Metric;
import io.tributary.bench.report.Target;
import io.tributary.bench.server.ServerProcess;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Workload 6: {@code connections} idle live subscribers (server-sent events) on one API instance.
 * The server's heap (after a full collection) and resident memory are read before and after; the
 * difference per connection is reported, and every subscriber must keep receiving heartbeats while
 * the connections are held.
 */
public final class IdleConnections {

  static final String NAME = "connections";

  private IdleConnections() {}

  public static void run(RunContext ctx) throws Exception {
    int count = ctx.options().integer("connections");
    int holdSeconds = ctx.options().integer("connections.hold.s");
    int heartbeatMs = ctx.options().integer("server.heartbeat.ms");
    String tenant = ctx.tenant("idle");
    String token = ctx.token(tenant);
    Optional<ServerProcess> server = ctx.serverProcess();
    long heapBefore = server.isPresent() ? server.get().heapAfterCollection() : -1;
    long rssBefore = server.isPresent() ? server.get().residentBytes() : -1;
    ctx.setting(
        "connections",
        count
            + " idle SSE subscribers, held "
            + holdSeconds
            + " s with a heartbeat every "
            + heartbeatMs
            + " ms; server heap after System.gc(), RSS from /proc");
    long openStart = System.nanoTime();
    try (Subscribers subs =
        Subscribers.open(
            ctx.vertx(),
            ctx.apiBaseUrl(),
            "/v1/sync/stream?collections=idle",
            token,
            count,
            500,
            300,
            (event, data) -> {})) {
      long openNanos = System.nanoTime() - openStart;
      ctx.add(Metric.of(NAME, "streams open", subs.openedCount(), "connections"));
      ctx.add(
          Metric.of(NAME, "opening rate", subs.openedCount() * 1e9 / openNanos, "connections/s"));
      int[] before = subs.commentCounts();
      TimeUnit.SECONDS.sleep(holdSeconds);
      int[] after = subs.commentCounts();
      long expectedBeats = holdSeconds * 1000L / heartbeatMs;
      long flowing = 0;
      long minBeats = Long.MAX_VALUE;
      for (int i = 0; i < after.length; i++) {
        long beats = after[i] - before[i];
        minBeats = Math.min(minBeats, beats);
        if (beats >= expectedBeats - 1) {
          flowing++;
        }
      }
      ctx.add(
          new Metric(
              NAME,
              "subscribers with ≥ " + (expectedBeats - 1) + " heartbeats in " + holdSeconds + " s",
              flowing,
              "connections",
              Target.atLeast(count)));
      ctx.add(Metric.of(NAME, "fewest heartbeats of one subscriber", minBeats, "heartbeats"));
      if (server.isPresent()) {
        long heapAfter = server.get().heapAfterCollection();
        long rssAfter = server.get().residentBytes();
        long open = Math.max(1, subs.openedCount());
        ctx.add(
            new Metric(
                NAME,
                "server heap in use with all streams open",
                heapAfter / 1048576.0,
                "MiB",
                Target.atMost(1024)));
        ctx.add(
            Metric.of(
                NAME,
                "heap per connection",
                (heapAfter - heapBefore) / (double) open / 1024,
                "KiB"));
        ctx.add(
            Metric.of(
                NAME, "RSS per connection", (rssAfter - rssBefore) / (double) open / 1024, "KiB"));
        ctx.add(Metric.of(NAME, "server RSS with all streams open", rssAfter / 1048576.0, "MiB"));
      } else {
        ctx.note(NAME + ": memory not measured (server not started by this run)");
      }
      if (subs.failedCount() > 0 || subs.endedCount() > 0) {
        ctx.note(
            NAME
                + ": "
                + subs.failedCount()
                + " streams refused, "
                + subs.endedCount()
                + " ended while held");
      }
    }
  }
}
