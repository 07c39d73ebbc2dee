package io.tributary.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A reader of {@link CursorSafetyIT}: pulls continuously in small random pages, keeping a replica
 * and its own cursor; each request goes to a random ingest instance, so cursors also travel between
 * instances. Every failure message names the seed. Used by one thread at a time.
 */
final class CursorReader {
  /** Every 503 of the API carries {@code Retry-After: 1}. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

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

  /**
   * One page from the reader's cursor, applied; true when hasMore was false. Like a real client it
   * retries a 503 (a partition moving between projectors) after its {@code Retry-After}; any other
   * refusal fails the test.
   */
  boolean pullOnce(int batchSize) {
    ChangeFeedClient client = client();
    AtomicReference<ApiResponse> answer = new AtomicReference<>();
    await("seed " + seed + ": reader " + index + " pull past 503s")
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(RETRY_AFTER)
        .until(
            () -> {
              answer.set(client.pull(cursor, batchSize));
              return !isMoving(answer.get());
            });
    ApiResponse r = answer.get();
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
    Map<String, Long> first = timestamps(pullToEnd(saved).changes());
    ChangeFeedClient.Page second = pullToEnd(saved);
    Map<String, Long> seen = new HashMap<>(timestamps(second.changes()));
    seen.forEach(
        (recordId, ts) ->
            assertThat(ts)
                .as("seed %d: reader %d re-pull of %s went backwards", seed, index, recordId)
                .isGreaterThanOrEqualTo(first.getOrDefault(recordId, Long.MIN_VALUE)));
    String at = second.cursor();
    for (int round = 0; round < 5 && !seen.keySet().containsAll(first.keySet()); round++) {
      ChangeFeedClient.Page more = pullToEnd(at);
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

  /** Pages of 5 to the end from {@code from}, starting over from it after a 503. */
  private ChangeFeedClient.Page pullToEnd(String from) {
    ChangeFeedClient client = client();
    AtomicReference<ChangeFeedClient.Page> page = new AtomicReference<>();
    await("seed " + seed + ": reader " + index + " re-pull past 503s")
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(RETRY_AFTER)
        .until(
            () -> {
              try {
                page.set(client.pullToEnd(from, 5));
                return true;
              } catch (ChangeFeedClient.PullFailed e) {
                if (isMoving(e.response())) {
                  return false;
                }
                throw e;
              }
            });
    return page.get();
  }

  /** The protocol's answer while a partition moves between projectors: 503 with Retry-After. */
  private static boolean isMoving(ApiResponse r) {
    return r.status() == 503 && r.header("Retry-After").isPresent();
  }

  private static Map<String, Long> timestamps(List<JsonNode> changes) {
    Map<String, Long> m = new HashMap<>();
    changes.forEach(
        c -> m.merge(c.path("recordId").asText(), c.path("data").path("ts").asLong(), Math::max));
    return m;
  }
}
