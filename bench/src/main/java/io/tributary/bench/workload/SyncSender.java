package io.tributary.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.client.Payloads;
import io.vertx.core.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/** Dialect A pushes of one tenant and collection, to distinct or to overlapping records. */
final class SyncSender implements PushLoop.Sender {

  private final HttpLoad http;
  private final String token;
  private final String collection;
  private final int overlapRecords;
  private final AtomicLongArray next = new AtomicLongArray(4096);

  /**
   * @param overlapRecords 0: every change writes a new record; n: records drawn from n shared ids
   */
  SyncSender(HttpLoad http, String token, String collection, int overlapRecords) {
    this.http = http;
    this.token = token;
    this.collection = collection;
    this.overlapRecords = overlapRecords;
  }

  @Override
  public Future<HttpLoad.Reply> send(int client, int batch) {
    String[] ids = new String[batch];
    for (int i = 0; i < batch; i++) {
      ids[i] =
          overlapRecords > 0
              ? "r" + ThreadLocalRandom.current().nextInt(overlapRecords)
              : "k" + client + "-" + next.getAndIncrement(client % next.length());
    }
    return http.post("/v1/sync/push", token, Payloads.syncPush(collection, ids));
  }

  @Override
  public long[] count(JsonNode answer) {
    return new long[] {
      PushLoop.size(answer, "accepted"),
      PushLoop.size(answer, "conflicts"),
      PushLoop.size(answer, "errors")
    };
  }
}
