package io.tributary.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.bench.RunContext;
import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.report.Metric;
import io.tributary.bench.report.Target;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Workload 4: a new client pulls a tenant of {@code pull.docs} documents from the beginning, page
 * after page, as a client catching up does; documents per second. After {@code pull.warmup.runs}
 * pulls that are not counted (the server's JIT compiles the pull path during the first ones), it is
 * repeated {@code pull.runs} times and the median is reported.
 */
public final class CatchUpPull {

  static final String NAME = "pull";

  private CatchUpPull() {}

  public static void run(RunContext ctx) throws Exception {
    double docsPerSecond = measure(ctx);
    ctx.add(
        new Metric(
            NAME,
            "catch-up pull of " + ctx.options().integer("pull.docs") + " documents (median)",
            docsPerSecond,
            "documents/s",
            Target.atLeast(100_000)));
  }

  /** The median catch-up rate of this run, measured once and shared with the peer's ratio. */
  static double measure(RunContext ctx) throws Exception {
    return ctx.memo(
        "pull.rate",
        () -> {
          int docs = ctx.options().integer("pull.docs");
          int page = ctx.options().integer("pull.batch");
          int runs = ctx.options().integer("pull.runs");
          int warmups = ctx.options().integer("pull.warmup.runs");
          String tenant = ctx.tenant("pull");
          String token = ctx.token(tenant);
          int batch = ctx.options().integer("batch");
          PushLoop.Result load =
              PushLoop.run(
                  new SyncSender(ctx.api(), token, "docs", 0),
                  ctx.options().integer("clients"),
                  batch,
                  TimeUnit.MINUTES.toNanos(10),
                  docs);
          ctx.setting(
              "pull",
              load.accepted()
                  + " documents of ~300 B loaded by push, pulled from the start in pages of "
                  + page
                  + ", "
                  + runs
                  + " runs after "
                  + warmups
                  + " not counted");
          for (int w = 0; w < warmups; w++) {
            long start = System.nanoTime();
            long pulled = pullAll(ctx.api(), token, page);
            System.out.printf(
                "  pull warm-up %d: %.0f documents/s (not counted)%n",
                w + 1, pulled * 1e9 / (System.nanoTime() - start));
          }
          double[] rates = new double[runs];
          for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            long pulled = pullAll(ctx.api(), token, page);
            rates[r] = pulled * 1e9 / (System.nanoTime() - start);
            if (pulled != load.accepted()) {
              ctx.note(NAME + ": run " + r + " pulled " + pulled + " of " + load.accepted());
            }
            System.out.printf("  pull run %d: %.0f documents/s%n", r + 1, rates[r]);
          }
          Arrays.sort(rates);
          return rates[runs / 2];
        });
  }

  /** Pulls until the server says there is no more; returns the number of changes received. */
  static long pullAll(HttpLoad http, String token, int page) {
    String cursor = null;
    long total = 0;
    while (true) {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("batchSize", page);
      if (cursor != null) {
        body.put("cursor", cursor);
      }
      HttpLoad.Reply reply = http.post("/v1/sync/pull", token, body.toString()).await();
      if (reply.status() != 200) {
        throw new IllegalStateException(
            "Pull answered " + reply.status() + ": " + reply.body().toString());
      }
      JsonNode answer = PushLoop.parse(reply);
      total += answer.path("changes").size();
      cursor = answer.path("cursor").asText();
      if (!answer.path("hasMore").asBoolean()) {
        return total;
      }
    }
  }
}
