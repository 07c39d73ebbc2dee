package io.tributary.bench.workload;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.RunContext;
import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.report.Metric;
import io.tributary.bench.report.Target;
import io.tributary.bench.stats.Latencies;
import io.tributary.bench.stats.StatusCounts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Workload "isolation" (noisy neighbour): on a server of its own with a per-tenant rate limit,
 * tenant "calm" pushes at a fixed offered rate, open loop ({@link OpenLoop}), in rounds alone and
 * rounds while tenant "flood" runs closed-loop clients pushing and pulling as fast as answers come
 * back. The result is calm's p99 under the flood divided by its p99 alone. The two kinds of rounds
 * alternate, so load that other work puts on a shared machine falls on both sides of the ratio
 * rather than on one phase. Optionally the same is repeated on a server without the limit, to show
 * what the limit buys.
 */
public final class NoisyNeighbour {

  static final String NAME = "isolation";

  /** Calm's p99 under the flood may be at most this many times its p99 alone. */
  static final double P99_RATIO_BOUND = 3;

  /** Pause after a flood round, so what the server still has queued does not fall on calm alone. */
  private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private NoisyNeighbour() {}

  public static void run(RunContext ctx) throws Exception {
    BenchOptions o = ctx.options();
    if (!o.string("api").isEmpty()) {
      ctx.note(NAME + ": skipped; it starts servers of its own with a rate limit, not with --api");
      return;
    }
    int limit = o.integer("isolation.limit.rps");
    int burst = o.integer("isolation.limit.burst");
    int rounds = o.integer("isolation.rounds");
    int unlimitedRounds = o.integer("isolation.unlimited.rounds");
    int roundSeconds = o.integer("isolation.round.s");
    Plan plan =
        new Plan(
            o.integer("isolation.calm.rate"),
            o.integer("isolation.batch"),
            o.integer("isolation.flood.clients"),
            TimeUnit.SECONDS.toNanos(roundSeconds));
    ctx.setting(
        NAME,
        "servers of its own with rate.limit.tenant.requests.per.second="
            + limit
            + ", rate.limit.tenant.burst="
            + burst
            + "; calm: "
            + plan.calmRate
            + " pushes/s of "
            + plan.batch
            + " changes, open loop, latency from intended start (HdrHistogram); flood: "
            + plan.floodClients
            + " closed-loop clients (half push "
            + plan.batch
            + " changes, half pull a page of 100); "
            + o.integer("warmup.s")
            + " s warm-up with both, then "
            + rounds
            + " × ("
            + roundSeconds
            + " s calm alone, "
            + roundSeconds
            + " s calm with the flood, 1 s pause)"
            + (unlimitedRounds > 0
                ? "; then " + unlimitedRounds + " such rounds on a server without the limit"
                : ""));
    Vertx calmVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      Map<String, String> limited =
          Map.of(
              "rate.limit.tenant.requests.per.second", Integer.toString(limit),
              "rate.limit.tenant.burst", Integer.toString(burst));
      try (DedicatedServer server = DedicatedServer.start(NAME, o, limited)) {
        Tenants tenants = new Tenants(ctx, server, calmVertx, plan);
        tenants.warmUp(TimeUnit.SECONDS.toNanos(o.integer("warmup.s")));
        report(ctx, tenants.alternate(rounds));
      }
      if (unlimitedRounds > 0) {
        try (DedicatedServer server = DedicatedServer.start(NAME + "-unlimited", o, Map.of())) {
          Tenants tenants = new Tenants(ctx, server, calmVertx, plan);
          tenants.warmUp(TimeUnit.SECONDS.toNanos(o.integer("warmup.s")));
          reportUnlimited(ctx, tenants.alternate(unlimitedRounds));
        }
      }
    } finally {
      calmVertx.close().await();
    }
  }

  private record Plan(int calmRate, int batch, int floodClients, long roundNanos) {}

  /** Calm alone, calm with the flood, and what the flood got, over all rounds of one server. */
  private record Rounds(
      OpenLoop.Result alone,
      OpenLoop.Result flooded,
      StatusCounts floodStatuses,
      long floodChanges,
      long floodNanos) {

    double ratio(double percentile) {
      return StatusCounts.ratio(
          flooded.latencies().percentileMillis(percentile),
          alone.latencies().percentileMillis(percentile));
    }
  }

  /** The two tenants of one server, each with a client of its own. */
  private static final class Tenants {
    private final Plan plan;
    private final SyncSender calm;
    private final HttpLoad floodHttp;
    private final String floodToken;

    Tenants(RunContext ctx, DedicatedServer server, Vertx calmVertx, Plan plan) {
      this.plan = plan;
      // Calm has its own Vert.x and connections, so the flood's answers never queue ahead of its
      // own in the load generator.
      this.calm =
          new SyncSender(
              server.client(calmVertx, 64), server.token(ctx.tenant("calm")), "notes", 0);
      this.floodHttp = server.client(ctx.vertx(), plan.floodClients);
      this.floodToken = server.token(ctx.tenant("flood"));
    }

    /** Both tenants' paths through the server, compiled before anything counts. */
    void warmUp(long nanos) throws Exception {
      FloodSender flood = new FloodSender(floodHttp, floodToken);
      flood(flood, nanos, calmResult());
      LockSupport.parkNanos(SETTLE_NANOS);
    }

    Rounds alternate(int rounds) throws Exception {
      OpenLoop.Result alone = calmResult();
      OpenLoop.Result flooded = calmResult();
      FloodSender flood = new FloodSender(floodHttp, floodToken);
      long floodChanges = 0;
      long floodNanos = 0;
      for (int r = 0; r < rounds; r++) {
        OpenLoop.run(this::sendCalm, calmInterval(), plan.roundNanos, alone);
        PushLoop.Result f = flood(flood, plan.roundNanos, flooded);
        floodChanges += f.accepted();
        floodNanos += f.elapsedNanos();
        LockSupport.parkNanos(SETTLE_NANOS);
      }
      return new Rounds(alone, flooded, flood.statuses(), floodChanges, floodNanos);
    }

    /** Calm's schedule on this thread while the flood runs on another, for {@code nanos}. */
    private PushLoop.Result flood(FloodSender flood, long nanos, OpenLoop.Result calmInto)
        throws Exception {
      FutureTask<PushLoop.Result> flooding =
          new FutureTask<>(
              () -> PushLoop.run(flood, plan.floodClients, plan.batch, nanos, Long.MAX_VALUE));
      new Thread(flooding, "isolation-flood").start();
      OpenLoop.run(this::sendCalm, calmInterval(), nanos, calmInto);
      return flooding.get();
    }

    private Future<HttpLoad.Reply> sendCalm() {
      return calm.send(0, plan.batch);
    }

    private long calmInterval() {
      return TimeUnit.SECONDS.toNanos(1) / plan.calmRate;
    }

    private static OpenLoop.Result calmResult() {
      return new OpenLoop.Result(new Latencies(), new StatusCounts());
    }
  }

  private static void report(RunContext ctx, Rounds r) {
    latencies(ctx, "alone", r.alone.latencies());
    latencies(ctx, "with flood", r.flooded.latencies());
    ctx.add(
        new Metric(
            NAME,
            "calm p99 with flood ÷ calm p99 alone",
            r.ratio(99),
            "ratio",
            Target.atMost(P99_RATIO_BOUND)));
    ctx.add(Metric.of(NAME, "calm p50 with flood ÷ calm p50 alone", r.ratio(50), "ratio"));
    ctx.add(
        new Metric(
            NAME,
            "calm pushes answered 429",
            r.alone.statuses().limited() + r.flooded.statuses().limited(),
            "requests",
            Target.atMost(0)));
    flood(ctx, "", r);
    failures(ctx, "", r);
  }

  private static void reportUnlimited(RunContext ctx, Rounds r) {
    String suffix = ", no rate limit";
    ctx.add(
        Metric.of(
            NAME, "calm push p99 alone" + suffix, r.alone.latencies().percentileMillis(99), "ms"));
    ctx.add(
        Metric.of(
            NAME,
            "calm push p99 with flood" + suffix,
            r.flooded.latencies().percentileMillis(99),
            "ms"));
    ctx.add(
        Metric.of(
            NAME, "calm push max with flood" + suffix, r.flooded.latencies().maxMillis(), "ms"));
    ctx.add(Metric.of(NAME, "calm p99 with flood ÷ alone" + suffix, r.ratio(99), "ratio"));
    ctx.add(Metric.of(NAME, "calm p50 with flood ÷ alone" + suffix, r.ratio(50), "ratio"));
    flood(ctx, suffix, r);
    failures(ctx, suffix, r);
  }

  private static void latencies(RunContext ctx, String phase, Latencies l) {
    ctx.add(Metric.of(NAME, "calm push p50 " + phase, l.percentileMillis(50), "ms"));
    ctx.add(Metric.of(NAME, "calm push p99 " + phase, l.percentileMillis(99), "ms"));
    ctx.add(Metric.of(NAME, "calm push p99.9 " + phase, l.percentileMillis(99.9), "ms"));
    ctx.add(Metric.of(NAME, "calm push max " + phase, l.maxMillis(), "ms"));
  }

  private static void flood(RunContext ctx, String suffix, Rounds r) {
    ctx.add(
        Metric.of(
            NAME,
            "flood requests accepted" + suffix,
            StatusCounts.perSecond(r.floodStatuses.ok(), r.floodNanos),
            "requests/s"));
    ctx.add(
        Metric.of(
            NAME,
            "flood requests answered 429" + suffix,
            StatusCounts.perSecond(r.floodStatuses.limited(), r.floodNanos),
            "requests/s"));
    ctx.add(
        Metric.of(
            NAME,
            "flood changes accepted" + suffix,
            StatusCounts.perSecond(r.floodChanges, r.floodNanos),
            "changes/s"));
  }

  private static void failures(RunContext ctx, String suffix, Rounds r) {
    long calmOther = r.alone.statuses().other() + r.flooded.statuses().other();
    long calmTotal = r.alone.statuses().total() + r.flooded.statuses().total();
    if (calmOther > 0) {
      ctx.note(
          NAME
              + suffix
              + ": "
              + calmOther
              + " of "
              + calmTotal
              + " calm pushes answered neither 2xx nor 429");
    }
    if (r.floodStatuses.other() > 0) {
      ctx.note(
          NAME
              + suffix
              + ": "
              + r.floodStatuses.other()
              + " of "
              + r.floodStatuses.total()
              + " flood requests answered neither 2xx nor 429");
    }
  }
}
