package io.tributary.systemtest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.systemtest.OracleModel.Answer;
import io.tributary.systemtest.OracleModel.Kind;
import io.tributary.systemtest.OracleModel.Sent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One simulated dialect B (RxDB) client of {@link OracleIT}: it increments the counter documents of
 * every collection with push rows that carry a {@code changeId} (as the docs tell RxDB users to
 * add), queues them while offline, retries 503, 504 and refused connections with the same rows, and
 * sometimes sends an answered push again as if the answer had been lost. Dialect B answers name
 * only conflicting rows, so what the oracle learns from it is which increments were applied: an
 * increment never conflicts, and each change id counts once. It keeps a replica per collection from
 * its own checkpoints. Not thread-safe: one thread drives one client.
 */
final class OracleRxdbClient {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private final int index;
  private final long seed;
  private final Random random;
  private final TributaryStack stack;
  private final String token;
  private final OracleModel model;
  private final AtomicLong clock;
  private final List<String> collections;
  private final Map<String, List<ObjectNode>> queue = new TreeMap<>();
  private final Map<String, List<Sent>> queued = new HashMap<>();
  private final Map<String, Map<String, JsonNode>> replicas = new TreeMap<>();
  private final Map<String, String> checkpoints = new HashMap<>();
  private boolean online = true;
  private int ingest;
  private int sequence;
  private int retries;

  OracleRxdbClient(
      int index,
      long seed,
      TributaryStack stack,
      String token,
      OracleModel model,
      AtomicLong clock,
      List<String> collections) {
    this.index = index;
    this.seed = seed;
    this.random = new Random(seed * 7_000_003L + index);
    this.stack = stack;
    this.token = token;
    this.model = model;
    this.clock = clock;
    this.collections = List.copyOf(collections);
    this.ingest = index % 2;
  }

  int index() {
    return index;
  }

  int retries() {
    return retries;
  }

  /** collection → document id → the last document pulled. */
  Map<String, Map<String, JsonNode>> replicas() {
    return replicas;
  }

  /** One step: an increment queued, maybe a change of connectivity, a push if online. */
  void step() {
    String collection = collections.get(random.nextInt(collections.size()));
    String recordId = collection + "-k" + random.nextInt(2);
    long delta = random.nextInt(9) - 3L;
    String changeId = "s" + seed + "-rx" + index + "-" + (++sequence);
    ObjectNode next = F.objectNode().put("id", recordId);
    next.putObject(OracleModel.COUNTER).put("$increment", delta);
    ObjectNode row = Changes.row(null, next);
    row.put("changeId", changeId);
    queue.computeIfAbsent(collection, c -> new ArrayList<>()).add(row);
    queued
        .computeIfAbsent(collection, c -> new ArrayList<>())
        .add(
            new Sent(
                changeId,
                collection,
                recordId,
                Kind.INCREMENT,
                null,
                delta,
                clock.updateAndGet(p -> Math.max(p + 1, System.currentTimeMillis())),
                null));
    if (random.nextInt(8) == 0) {
      online = !online;
    }
    if (online) {
      pushAll();
    }
  }

  /** Pushes every queued row, collection by collection. */
  void pushAll() {
    online = true;
    for (String collection : collections) {
      List<ObjectNode> rows = queue.remove(collection);
      List<Sent> sent = queued.remove(collection);
      if (rows == null) {
        continue;
      }
      sent.forEach(model::sent);
      JsonNode conflicts = push(collection, rows);
      if (random.nextInt(10) == 0) {
        record(sent, push(collection, rows)); // as if the answer were lost
      }
      record(sent, conflicts);
    }
  }

  /** Pulls every collection to the end from its own checkpoint. */
  void pullAll() {
    for (String collection : collections) {
      try {
        await("seed " + seed + ": rxdb client " + index + " pulls " + collection)
            .atMost(PATIENCE)
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> pull(collection));
      } catch (ConditionTimeoutException e) {
        throw new AssertionError("seed " + seed + ": rxdb client " + index + " could not pull", e);
      }
    }
  }

  /** An increment row never conflicts: an empty answer means every row was applied. */
  private void record(List<Sent> sent, JsonNode conflicts) {
    if (!conflicts.isArray() || !conflicts.isEmpty()) {
      model.violation("seed " + seed + ": increment rows " + sent + " answered " + conflicts);
      return;
    }
    sent.forEach(s -> model.answered(s.changeId(), new Answer(true, null, false)));
  }

  private JsonNode push(String collection, List<ObjectNode> rows) {
    AtomicReference<String> last = new AtomicReference<>("no answer yet");
    try {
      return await("seed " + seed + ": rxdb client " + index + " push answered")
          .atMost(PATIENCE)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> tryPush(collection, rows, last), a -> a != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "seed " + seed + ": rxdb client " + index + " push never answered, last: " + last.get(),
          e);
    }
  }

  private JsonNode tryPush(String collection, List<ObjectNode> rows, AtomicReference<String> last) {
    RxdbClient client = new RxdbClient(stack.api(ingest), token, collection);
    try {
      ApiResponse r = client.push(rows.toArray(ObjectNode[]::new));
      if (r.status() == 200) {
        return r.json();
      }
      last.set(r.toString());
      retries++;
      if (r.status() != 503 && r.status() != 504) {
        throw new AssertionError("seed " + seed + ": rxdb client " + index + " push answered " + r);
      }
      if (r.status() == 503) {
        ingest = 1 - ingest;
      }
      return null;
    } catch (UncheckedIOException e) {
      last.set(e.toString());
      retries++;
      ingest = 1 - ingest;
      return null;
    }
  }

  private boolean pull(String collection) {
    RxdbClient client = new RxdbClient(stack.api(ingest), token, collection);
    try {
      RxdbClient.Page page = client.pullToEnd(checkpoints.get(collection), 1 + random.nextInt(20));
      replicas.computeIfAbsent(collection, c -> new TreeMap<>()).putAll(page.latestById());
      checkpoints.put(collection, page.cursor());
      return true;
    } catch (AssertionError | UncheckedIOException e) {
      // a pull answered 503 while partitions move, or an instance is down: try the other one
      ingest = 1 - ingest;
      return false;
    }
  }
}
