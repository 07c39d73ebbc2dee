package io.tributary.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.bench.RunContext;
import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.client.Payloads;
import io.tributary.bench.peer.PouchServer;
import io.tributary.bench.report.Metric;
import io.tributary.bench.report.Target;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Workload 7: PouchDB Server on the same machine and the same workloads: the same clients push the
 * same documents in batches through {@code _bulk_docs}, and a new client catches up through {@code
 * _changes?include_docs=true} in pages of the same size. Reported as ratios to Tributary's numbers
 * of this run.
 */
public final class PeerComparison {

  static final String NAME = "peer";

  private PeerComparison() {}

  public static void run(RunContext ctx) throws Exception {
    PushLoop.Result ours = PushThroughput.distinct(ctx).load();
    double ourPull = CatchUpPull.measure(ctx);
    int clients = ctx.options().integer("clients");
    int batch = ctx.options().integer("batch");
    int page = ctx.options().integer("pull.batch");
    int docs = ctx.options().integer("pull.docs");
    int runs = ctx.options().integer("pull.runs");
    int warmups = ctx.options().integer("pull.warmup.runs");
    boolean inMemory = ctx.options().string("peer.storage").equals("memory");
    ctx.setting(
        "peer",
        "PouchDB Server 4.2.0 (node "
            + nodeVersion()
            + "), "
            + (inMemory ? "in-memory adapter" : "LevelDB in a temp dir")
            + "; same clients, batches and documents; _changes pages of "
            + page);
    try (PouchServer pouch =
            PouchServer.start(Path.of(ctx.options().string("peer.dir")), inMemory);
        HttpLoad http = new HttpLoad(ctx.vertx(), pouch.baseUrl(), 256)) {
      for (String db : new String[] {"warmup", "bench", "catchup"}) {
        HttpLoad.Reply created = http.send(HttpMethod.PUT, "/" + db, null, null).await();
        if (created.status() != 201) {
          throw new IllegalStateException("PUT /" + db + " answered " + created.status());
        }
      }
      // The same warm-up as Tributary's push gets.
      PushLoop.run(
          new BulkDocsSender(http, "warmup"),
          clients,
          batch,
          TimeUnit.SECONDS.toNanos(ctx.options().integer("push.warmup.s")),
          Long.MAX_VALUE);
      PushLoop.Result theirs =
          PushLoop.run(
              new BulkDocsSender(http, "bench"),
              clients,
              batch,
              TimeUnit.SECONDS.toNanos(ctx.options().integer("duration.s")),
              Long.MAX_VALUE);
      ctx.add(
          Metric.of(
              NAME,
              "PouchDB Server _bulk_docs accepted docs/s",
              theirs.acceptedPerSecond(),
              "changes/s"));
      ctx.add(
          new Metric(
              NAME,
              "Tributary push ÷ PouchDB Server push",
              ours.acceptedPerSecond() / theirs.acceptedPerSecond(),
              "ratio",
              Target.atLeast(5)));
      if (theirs.failedRequests() > 0 || theirs.itemErrors() > 0) {
        ctx.note(
            NAME
                + ": "
                + theirs.failedRequests()
                + " _bulk_docs requests failed, "
                + theirs.itemErrors()
                + " documents in error");
      }

      PushLoop.Result loaded =
          PushLoop.run(
              new BulkDocsSender(http, "catchup"),
              clients,
              batch,
              TimeUnit.MINUTES.toNanos(10),
              docs);
      for (int w = 0; w < warmups; w++) {
        changesAll(http, "catchup", page);
      }
      double[] rates = new double[runs];
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        long pulled = changesAll(http, "catchup", page);
        rates[r] = pulled * 1e9 / (System.nanoTime() - start);
        if (pulled != loaded.accepted()) {
          ctx.note(
              NAME + ": _changes run " + r + " returned " + pulled + " of " + loaded.accepted());
        }
      }
      Arrays.sort(rates);
      double theirPull = rates[runs / 2];
      ctx.add(
          Metric.of(
              NAME,
              "PouchDB Server _changes catch-up of " + loaded.accepted() + " docs (median)",
              theirPull,
              "documents/s"));
      ctx.add(
          Metric.of(
              NAME, "Tributary pull ÷ PouchDB Server _changes", ourPull / theirPull, "ratio"));
    }
  }

  static long changesAll(HttpLoad http, String db, int page) {
    String since = "0";
    long total = 0;
    while (true) {
      HttpLoad.Reply reply =
          http.send(
                  HttpMethod.GET,
                  "/" + db + "/_changes?include_docs=true&limit=" + page + "&since=" + since,
                  null,
                  null)
              .await();
      if (reply.status() != 200) {
        throw new IllegalStateException("_changes answered " + reply.status());
      }
      JsonNode answer = PushLoop.parse(reply);
      int n = answer.path("results").size();
      total += n;
      since = answer.path("last_seq").asText();
      if (n < page) {
        return total;
      }
    }
  }

  private static String nodeVersion() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return v;
    } catch (Exception e) {
      return "?";
    }
  }

  /** {@code _bulk_docs} of new documents; an item is accepted when it answers {@code ok}. */
  private static final class BulkDocsSender implements PushLoop.Sender {

    private final HttpLoad http;
    private final String db;
    private final AtomicLongArray next = new AtomicLongArray(4096);

    BulkDocsSender(HttpLoad http, String db) {
      this.http = http;
      this.db = db;
    }

    @Override
    public Future<HttpLoad.Reply> send(int client, int batch) {
      String[] ids = new String[batch];
      for (int i = 0; i < batch; i++) {
        ids[i] = "k" + client + "-" + next.getAndIncrement(client % next.length());
      }
      return http.post("/" + db + "/_bulk_docs", null, Payloads.bulkDocs(ids));
    }

    @Override
    public long[] count(JsonNode answer) {
      long ok = 0;
      long errors = 0;
      for (JsonNode item : answer) {
        if (item.path("ok").asBoolean()) {
          ok++;
        } else {
          errors++;
        }
      }
      return new long[] {ok, 0, errors};
    }
  }
}
