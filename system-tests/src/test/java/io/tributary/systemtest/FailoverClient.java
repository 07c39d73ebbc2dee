package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of {@link MultiProcessFailoverIT}: pushes dialect A updates of its own records, with
 * change ids, and pulls from its own cursor, each request through a random ingest instance. Every
 * push also increments a counter record of its own ({@code $increment}: 1), so a change applied
 * twice after a crash shows as a counter above the increments accepted. Like a real client it
 * pushes again with the same change ids after a 504 or 503 (pushes are idempotent) and pulls again
 * after a 503, honouring {@code Retry-After}. It keeps the latest accepted write of each of its
 * records, the change ids of its accepted increments and a replica of everything it pulled. Every
 * failure message names the seed.
 *
 * <p>One thread drives it; {@link #madeProgressSince} and the counters may be read from any thread,
 * the rest once that thread has stopped.
 */
final class FailoverClient {

  static final String COLLECTION = "notes";
  static final String COUNTER_COLLECTION = "counters";
  static final String COUNTER_FIELD = "count";
  private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
  private static final long MAX_BACKOFF_MS = 1_000;
  private static final long NEVER = 0;

  /** The accepted answer to a write: its change id, client timestamp, rev and title. */
  record Accepted(String changeId, long timestamp, String rev, String title) {}

  private final int index;
  private final List<ChangeFeedClient> ingests;
  private final long seed;
  private final AtomicLong clock;
  private final Random random;
  private final List<String> records;
  private final String counterRecord;
  private final Set<String> acceptedIncrements = ConcurrentHashMap.newKeySet();
  private final Map<String, Accepted> latestAccepted = new TreeMap<>();
  private final Replica replica = new Replica();
  private String cursor;
  private int sequence;

  private final AtomicLong lastPushAcceptedStart = new AtomicLong(NEVER);
  private final AtomicLong lastPullOkStart = new AtomicLong(NEVER);
  private final AtomicInteger pushesAccepted = new AtomicInteger();
  private final AtomicInteger pushRetries = new AtomicInteger();
  private final AtomicInteger pullsOk = new AtomicInteger();
  private final AtomicInteger pullsUnavailable = new AtomicInteger();

  /**
   * @param ingests one client per ingest instance, all of the same tenant
   * @param clock shared source of increasing client timestamps
   */
  FailoverClient(
      int index, List<ChangeFeedClient> ingests, int recordCount, long seed, AtomicLong clock) {
    this.index = index;
    this.ingests = List.copyOf(ingests);
    this.seed = seed;
    this.clock = clock;
    this.random = new Random(seed * 31 + index);
    List<String> ids = new ArrayList<>();
    for (int r = 0; r < recordCount; r++) {
      ids.add("c" + index + "-r" + r);
    }
    this.records = List.copyOf(ids);
    this.counterRecord = "c" + index + "-hits";
  }

  /** What one pull request gave. */
  private enum Pulled {
    A_PAGE,
    THE_LAST_PAGE,
    SERVICE_UNAVAILABLE
  }

  /**
   * Pushes and pulls in turn until {@code running} turns false. A pull answered 503 is tried again
   * in the next round, so the client keeps pushing while partitions move.
   */
  Void runWhile(AtomicBoolean running) throws InterruptedException {
    while (running.get()) {
      pushOnce();
      pullOnce();
    }
    return null;
  }

  /** Pulls from its own cursor until a page says {@code hasMore: false}, again after a 503. */
  void pullUntilCaughtUp() throws InterruptedException {
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    while (System.nanoTime() < deadline) {
      if (pullOnce() == Pulled.THE_LAST_PAGE) {
        return;
      }
    }
    throw new AssertionError(
        "seed " + seed + ": client " + index + " did not catch up in " + GIVE_UP_AFTER);
  }

  /**
   * Updates 1–3 of its records and increments its counter in one push, again and again with the
   * same change ids until the push is answered.
   */
  private void pushOnce() throws InterruptedException {
    List<String> targets = new ArrayList<>(records);
    Collections.shuffle(targets, random);
    List<ObjectNode> changes = new ArrayList<>();
    List<Accepted> sent = new ArrayList<>();
    for (String recordId : targets.subList(0, 1 + random.nextInt(3))) {
      String changeId = "mp-" + seed + "-c" + index + "-" + (++sequence);
      String title = "c" + index + " v" + sequence;
      long timestamp = clock.incrementAndGet();
      ObjectNode data =
          JsonNodeFactory.instance
              .objectNode()
              .put("id", recordId)
              .put("title", title)
              .put("ts", timestamp);
      changes.add(
          change(changeId, "update", COLLECTION, recordId, data).put("timestamp", timestamp));
      sent.add(new Accepted(changeId, timestamp, null, title));
    }
    String incrementId = "mp-" + seed + "-c" + index + "-" + (++sequence) + "-inc";
    ObjectNode plusOne = JsonNodeFactory.instance.objectNode();
    plusOne.putObject(COUNTER_FIELD).put("$increment", 1);
    changes.add(change(incrementId, "update", COUNTER_COLLECTION, counterRecord, plusOne));
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    while (System.nanoTime() < deadline) {
      long started = now();
      ApiResponse r = anyIngest().push(changes.toArray(ObjectNode[]::new));
      if (r.status() == 504 || r.status() == 503) {
        pushRetries.incrementAndGet();
        honourRetryAfter(r);
        continue;
      }
      assertThat(r.status()).as("seed %d: client %d push %s", seed, index, r).isEqualTo(200);
      for (int i = 0; i < sent.size(); i++) {
        record(changes.get(i).path("recordId").asText(), sent.get(i), r);
      }
      assertThat(PushAnswers.accepted(r.json(), incrementId))
          .as("seed %d: increment %s accepted: %s", seed, incrementId, r)
          .isPresent();
      acceptedIncrements.add(incrementId);
      pushesAccepted.incrementAndGet();
      lastPushAcceptedStart.set(started);
      return;
    }
    throw new AssertionError(
        "seed " + seed + ": client " + index + " push not answered in " + GIVE_UP_AFTER);
  }

  /** Every change is accepted, never superseded: each record is written by this client alone. */
  private void record(String recordId, Accepted sent, ApiResponse r) {
    JsonNode accepted =
        PushAnswers.accepted(r.json(), sent.changeId())
            .orElseThrow(
                () ->
                    new AssertionError(
                        "seed " + seed + ": " + sent.changeId() + " not accepted: " + r));
    assertThat(accepted.path("superseded").asBoolean(false))
        .as("seed %d: %s superseded: %s", seed, sent.changeId(), r)
        .isFalse();
    Accepted a =
        new Accepted(
            sent.changeId(), sent.timestamp(), accepted.path("rev").asText(), sent.title());
    latestAccepted.merge(recordId, a, (old, now) -> now.timestamp() > old.timestamp() ? now : old);
  }

  /** One page from its own cursor; after a 503 it waits as {@code Retry-After} asks. */
  private Pulled pullOnce() throws InterruptedException {
    int batchSize = 1 + random.nextInt(20);
    long started = now();
    ApiResponse r = anyIngest().pull(cursor, batchSize);
    if (r.status() == 503) {
      assertThat(r.header("Retry-After"))
          .as("seed %d: client %d 503 without Retry-After: %s", seed, index, r)
          .isPresent();
      pullsUnavailable.incrementAndGet();
      honourRetryAfter(r);
      return Pulled.SERVICE_UNAVAILABLE;
    }
    assertThat(r.status()).as("seed %d: client %d pull %s", seed, index, r).isEqualTo(200);
    JsonNode page = r.json();
    List<JsonNode> changes = new ArrayList<>();
    page.path("changes").forEach(changes::add);
    assertThat(changes.size())
        .as("seed %d: client %d page within batchSize", seed, index)
        .isLessThanOrEqualTo(batchSize);
    replica.apply(changes);
    String next = page.path("cursor").asText(null);
    assertThat(next).as("seed %d: client %d pull carries a cursor: %s", seed, index, r).isNotNull();
    cursor = next;
    pullsOk.incrementAndGet();
    lastPullOkStart.set(started);
    return page.path("hasMore").asBoolean() ? Pulled.A_PAGE : Pulled.THE_LAST_PAGE;
  }

  /** {@link System#nanoTime()}, never {@link #NEVER}. */
  private static long now() {
    long t = System.nanoTime();
    return t == NEVER ? t + 1 : t;
  }

  private ChangeFeedClient anyIngest() {
    return ingests.get(random.nextInt(ingests.size()));
  }

  /** A client waits as long as {@code Retry-After} asks (capped), or not at all after a 504. */
  private static void honourRetryAfter(ApiResponse r) throws InterruptedException {
    long seconds = r.header("Retry-After").map(FailoverClient::parseSeconds).orElse(0L);
    TimeUnit.MILLISECONDS.sleep(Math.min(MAX_BACKOFF_MS, seconds * 1_000));
  }

  private static long parseSeconds(String value) {
    try {
      return Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  int index() {
    return index;
  }

  /** recordId → the accepted write with the greatest timestamp. */
  Map<String, Accepted> latestAccepted() {
    return latestAccepted;
  }

  /** The record of collection {@link #COUNTER_COLLECTION} that only this client increments. */
  String counterRecord() {
    return counterRecord;
  }

  /** The change ids of the increments answered accepted, each once. */
  Set<String> acceptedIncrements() {
    return Set.copyOf(acceptedIncrements);
  }

  Replica replica() {
    return replica;
  }

  /**
   * True when a push answered 200 and a pull answered 200 both started at or after {@code mark}, a
   * {@link System#nanoTime()} reading.
   */
  boolean madeProgressSince(long mark) {
    return startedSince(lastPushAcceptedStart.get(), mark)
        && startedSince(lastPullOkStart.get(), mark);
  }

  private static boolean startedSince(long started, long mark) {
    return started != NEVER && started - mark >= 0;
  }

  /** Pushes answered 503 or 504 and pushed again. */
  int pushesAnsweredAgain() {
    return pushRetries.get();
  }

  /** Pulls answered 503. */
  int pullsUnavailable() {
    return pullsUnavailable.get();
  }

  String stats() {
    return String.format(
        "client %d: %d pushes accepted (%d pushed again after 503/504), %d pulls (and %d 503),"
            + " %d increments accepted",
        index,
        pushesAccepted.get(),
        pushRetries.get(),
        pullsOk.get(),
        pullsUnavailable.get(),
        acceptedIncrements.size());
  }
}
