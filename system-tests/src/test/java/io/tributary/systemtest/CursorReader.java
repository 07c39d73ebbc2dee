package io.tributary.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reader of {@link CursorSafetyIT}: pulls continuously in small random pages, keeping a replica
 * and its own cursor; each request goes to a random ingest instance, so cursors also travel between
 * instances. Every failure message names the seed. Used by one thread at a time.
 */
final class CursorReader {
  final int index;
  final List<ChangeFeedClient> clients;
  final Random random;
  final long seed;
  final Replica replica = new Replica();
  String cursor;
  int rePulls;

  CursorReader(int index, List<ChangeFeedClient> clients, long seed) {
    this.index = index;
    this.clients = clients;
    this.seed = seed;
    this.random = new Random(seed * 17 + 1000 + index);
  }

  private ChangeFeedClient client() {
    return clients.get(random.nextInt(clients.size()));
  }

  CursorReader runWhile(AtomicBoolean writing) {
    int round = 0;
    while (writing.get()) {
      pullOnce(1 + random.nextInt(8));
      if (++round % 6 == 0) {
        checkRepullFromSavedCursor();
      }
    }
    return this;
  }

  /** One page from the reader's cursor, applied; true when hasMore was false. */
  boolean pullOnce(int batchSize) {
    ApiResponse r = client().pull(cursor, batchSize);
    assertThat(r.status()).as("seed %d: reader %d pull %s", seed, index, r).isEqualTo(200);
    JsonNode page = r.json();
    List<JsonNode> changes = new ArrayList<>();
    page.path("changes").forEach(changes::add);
    assertThat(changes.size())
        .as("seed %d: page within batchSize", seed)
        .isLessThanOrEqualTo(batchSize);
    replica.apply(changes);
    String next = page.path("cursor").asText(null);
    assertThat(next).as("seed %d: reader %d got a cursor", seed, index).isNotNull();
    cursor = next;
    return !page.path("hasMore").asBoolean();
  }

  void pullUntilCaughtUp() {
    for (int i = 0; i < 10_000; i++) {
      if (pullOnce(1 + random.nextInt(8))) {
        return;
      }
    }
    throw new AssertionError("seed " + seed + ": reader " + index + " never caught up");
  }

  /**
   * Two pulls to the end from one saved cursor: the second never returns an older version of a
   * document the first returned, and (continuing from its own cursor, since a document written
   * during the scan is found by the next pull) it returns every one of them, at the same or a newer
   * version.
   */
  void checkRepullFromSavedCursor() {
    String saved = cursor;
    Map<String, Long> first = timestamps(client().pullToEnd(saved, 5).changes());
    ChangeFeedClient.Page second = client().pullToEnd(saved, 5);
    Map<String, Long> seen = new HashMap<>(timestamps(second.changes()));
    seen.forEach(
        (recordId, ts) ->
            assertThat(ts)
                .as("seed %d: reader %d re-pull of %s went backwards", seed, index, recordId)
                .isGreaterThanOrEqualTo(first.getOrDefault(recordId, Long.MIN_VALUE)));
    String at = second.cursor();
    for (int round = 0; round < 5 && !seen.keySet().containsAll(first.keySet()); round++) {
      ChangeFeedClient.Page more = client().pullToEnd(at, 5);
      timestamps(more.changes()).forEach((recordId, ts) -> seen.merge(recordId, ts, Math::max));
      at = more.cursor();
    }
    first.forEach(
        (recordId, ts) ->
            assertThat(seen.get(recordId))
                .as("seed %d: reader %d re-pull of %s from a saved cursor", seed, index, recordId)
                .isNotNull()
                .isGreaterThanOrEqualTo(ts));
    rePulls++;
  }

  private static Map<String, Long> timestamps(List<JsonNode> changes) {
    Map<String, Long> m = new HashMap<>();
    changes.forEach(
        c -> m.merge(c.path("recordId").asText(), c.path("data").path("ts").asLong(), Math::max));
    return m;
  }
}
