package io.tributary.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.stats.StatusCounts;
import io.vertx.core.Future;

/**
 * The flooding tenant's requests for a closed loop: even clients push batches of new records, odd
 * clients pull a page from the start. Every answer is tallied by kind (accepted, 429, other).
 */
final class FloodSender implements PushLoop.Sender {

  private static final String PULL_FIRST_PAGE = "{\"batchSize\":100}";

  private final HttpLoad http;
  private final String token;
  private final SyncSender pushes;
  private final StatusCounts statuses = new StatusCounts();

  FloodSender(HttpLoad http, String token) {
    this.http = http;
    this.token = token;
    this.pushes = new SyncSender(http, token, "flood", 0);
  }

  StatusCounts statuses() {
    return statuses;
  }

  @Override
  public Future<HttpLoad.Reply> send(int client, int batch) {
    Future<HttpLoad.Reply> request =
        client % 2 == 0
            ? pushes.send(client, batch)
            : http.post("/v1/sync/pull", token, PULL_FIRST_PAGE);
    return request.andThen(
        ar -> statuses.record(ar.succeeded() ? ar.result().status() : StatusCounts.NO_ANSWER));
  }

  @Override
  public long[] count(JsonNode answer) {
    // A pull's answer has no "accepted": only pushed changes count.
    return pushes.count(answer);
  }
}
