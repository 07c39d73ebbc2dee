package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two clients of one tenant end with the same documents, by pull and by live stream. */
class ConvergenceIT extends StackPerClass {

  private static final String COLLECTION = "todos";

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.ingests(2);
  }

  @Test
  void shouldConvergeTwoChangeFeedClientsThroughPushAndPull() {
    // Given two clients of one tenant, on different ingest instances
    String tenant = TestIds.tenant();
    ChangeFeedClient alice = new ChangeFeedClient(stack.api(0), stack.tokens().readWrite(tenant));
    ChangeFeedClient bob = new ChangeFeedClient(stack.api(1), stack.tokens().readWrite(tenant));
    Replica aliceHas = new Replica();
    Replica bobHas = new Replica();

    // When each writes its own records, both pull, then both edit one record and pull again
    alice.pushOk(
        change(TestIds.changeId(), "create", COLLECTION, "a1", doc("a1", "alice one")),
        change(TestIds.changeId(), "create", COLLECTION, "a2", doc("a2", "alice two")));
    bob.pushOk(change(TestIds.changeId(), "create", COLLECTION, "b1", doc("b1", "bob one")));
    ChangeFeedClient.Page alicePage = alice.pullToEnd(null);
    ChangeFeedClient.Page bobPage = bob.pullToEnd(null);
    aliceHas.apply(alicePage.changes());
    bobHas.apply(bobPage.changes());

    bob.pushOk(change(TestIds.changeId(), "update", COLLECTION, "a1", doc("a1", "bob edited")));
    alice.pushOk(change(TestIds.changeId(), "update", COLLECTION, "b1", doc("b1", "alice edited")));
    alice.pushOk(change(TestIds.changeId(), "create", COLLECTION, "a3", doc("a3", "alice three")));
    ChangeFeedClient.Page aliceNext = alice.pullToEnd(alicePage.cursor());
    ChangeFeedClient.Page bobNext = bob.pullToEnd(bobPage.cursor());
    aliceHas.apply(aliceNext.changes());
    bobHas.apply(bobNext.changes());

    // Then both hold the same versions of all four records, with the last edits
    assertThat(aliceHas.view()).isEqualTo(bobHas.view());
    assertThat(aliceHas.view()).containsOnlyKeys("a1", "a2", "b1", "a3");
    assertThat(aliceHas.get("a1").path("data").path("title").asText()).isEqualTo("bob edited");
    assertThat(bobHas.get("b1").path("data").path("title").asText()).isEqualTo("alice edited");
    // and the incremental pulls returned only what changed since each client's cursor
    assertThat(recordIds(aliceNext.changes())).containsExactlyInAnyOrder("a1", "b1", "a3");
    assertThat(recordIds(bobNext.changes())).containsExactlyInAnyOrder("a1", "b1", "a3");
    // and a fresh pull agrees with both
    assertThat(new Replica().apply(alice.pullToEnd(null).changes()).view())
        .isEqualTo(aliceHas.view());
  }

  @Test
  void shouldConvergeTwoRxdbClientsThroughPushAndPull() {
    // Given two RxDB clients of one tenant, on different ingest instances
    String tenant = TestIds.tenant();
    RxdbClient alice = new RxdbClient(stack.api(0), stack.tokens().readWrite(tenant), COLLECTION);
    RxdbClient bob = new RxdbClient(stack.api(1), stack.tokens().readWrite(tenant), COLLECTION);
    Map<String, JsonNode> aliceHas = new TreeMap<>();
    Map<String, JsonNode> bobHas = new TreeMap<>();

    // When each pushes its own documents and pulls, then each edits the other's and pulls again
    JsonNode a1 = doc("a1", "alice one");
    JsonNode b1 = doc("b1", "bob one");
    assertThat(alice.pushOk(row(null, a1))).isEmpty();
    assertThat(bob.pushOk(row(null, b1))).isEmpty();
    RxdbClient.Page alicePage = alice.pullToEnd(null, 10);
    RxdbClient.Page bobPage = bob.pullToEnd(null, 10);
    aliceHas.putAll(alicePage.latestById());
    bobHas.putAll(bobPage.latestById());
    assertThat(bob.pushOk(row(a1, doc("a1", "bob edited")))).isEmpty();
    assertThat(alice.pushOk(row(b1, doc("b1", "alice edited")))).isEmpty();
    aliceHas.putAll(alice.pullToEnd(alicePage.cursor(), 10).latestById());
    bobHas.putAll(bob.pullToEnd(bobPage.cursor(), 10).latestById());

    // Then both hold the same documents, the edited ones, each marked not deleted
    assertThat(aliceHas).isEqualTo(bobHas).containsOnlyKeys("a1", "b1");
    assertThat(aliceHas.get("a1").path("title").asText()).isEqualTo("bob edited");
    assertThat(aliceHas.get("b1").path("title").asText()).isEqualTo("alice edited");
    assertThat(aliceHas.values())
        .allSatisfy(d -> assertThat(d.path("_deleted").asBoolean(true)).isFalse());
  }

  @Test
  void shouldStreamOtherClientsWritesAfterCatchUpWithoutGapOrDuplicateInChangeFeedDialect() {
    // Given a subscriber that pulled some history and saved its cursor
    String tenant = TestIds.tenant();
    ChangeFeedClient writer = new ChangeFeedClient(stack.api(0), stack.tokens().readWrite(tenant));
    ChangeFeedClient subscriber =
        new ChangeFeedClient(stack.api(1), stack.tokens().readWrite(tenant));
    for (int i = 0; i < 3; i++) {
      writer.pushOk(
          change(TestIds.changeId(), "create", COLLECTION, "old" + i, doc("old" + i, "v")));
    }
    String saved = subscriber.pullToEnd(null).cursor();
    // and writes it has not seen yet
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      writer.pushOk(
          change(TestIds.changeId(), "create", COLLECTION, "gap" + i, doc("gap" + i, "v")));
      expected.add("gap" + i);
    }

    // When it opens the stream from its cursor, and the other client keeps writing
    try (SseStream stream = subscriber.stream(saved)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> stream.statusOrNull() != null);
      assertThat(stream.statusOrNull()).isEqualTo(200);
      assertThat(stream.contentType()).startsWith("text/event-stream");
      for (int i = 0; i < 5; i++) {
        writer.pushOk(
            change(TestIds.changeId(), "create", COLLECTION, "live" + i, doc("live" + i, "v")));
        expected.add("live" + i);
      }
      writer.pushOk(change(TestIds.changeId(), "update", COLLECTION, "live0", doc("live0", "v2")));

      // Then it receives every unseen record, each version once, the old ones not again
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(lastStreamed(stream, "live0"))
                      .as("live0 streamed at its update, failure=%s", stream.failure())
                      .isEqualTo("v2"));
      Map<String, Integer> versions = streamedVersions(stream);
      assertThat(versions.keySet().stream().map(k -> k.split(" ")[0]).distinct())
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(versions.values()).as("each version once: %s", versions).allMatch(n -> n == 1);
      // and the stream's last cursor is caught up: a pull from it returns nothing
      String last = lastCursor(stream);
      assertThat(subscriber.pullToEnd(last).changes()).isEmpty();
    }
  }

  @Test
  void shouldStreamOtherClientsWritesLiveInRxdbDialect() {
    // Given an RxDB client subscribed to the pull stream, told to resync on connect
    String tenant = TestIds.tenant();
    RxdbClient writer = new RxdbClient(stack.api(0), stack.tokens().readWrite(tenant), COLLECTION);
    RxdbClient subscriber =
        new RxdbClient(stack.api(1), stack.tokens().readWrite(tenant), COLLECTION);
    String saved = subscriber.pullToEnd(null, 10).cursor();
    try (SseStream stream = subscriber.pullStream(saved)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
      assertThat(stream.statusOrNull()).isEqualTo(200);
      assertThat(stream.events().get(0).isRxdbResync()).as("first frame is RESYNC").isTrue();

      // When another client pushes documents
      Set<String> expected =
          IntStream.range(0, 5).mapToObj(i -> "live" + i).collect(Collectors.toSet());
      for (String id : expected) {
        writer.pushOk(row(null, doc(id, "title of " + id)));
      }

      // Then the subscriber receives each of them once, without pulling
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(streamedDocumentIds(stream))
                      .as("streamed, failure=%s", stream.failure())
                      .containsExactlyInAnyOrderElementsOf(expected));
      // and the last checkpoint is caught up
      String last =
          stream.events().stream()
              .filter(e -> !e.isRxdbResync())
              .reduce((a, b) -> b)
              .orElseThrow()
              .json()
              .path("checkpoint")
              .path("cursor")
              .asText();
      assertThat(subscriber.pullToEnd(last, 10).documents()).isEmpty();
    }
  }

  private static List<String> recordIds(List<JsonNode> changes) {
    return changes.stream().map(c -> c.path("recordId").asText()).toList();
  }

  @Test
  void shouldSendHeartbeatCommentsOnAnIdleStreamInBothDialects() {
    // Given a stack whose heartbeat interval is one second
    String tenant = TestIds.tenant();

    // When a client of each dialect holds an idle stream open
    try (SseStream feed = stack.changeFeed(tenant).stream(null);
        SseStream rx = stack.rxdb(tenant, COLLECTION).pullStream(null)) {

      // Then both receive comment heartbeats and stay open
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> feed.comments() >= 2 && rx.comments() >= 2);
      assertThat(feed.failure()).isNull();
      assertThat(rx.failure()).isNull();
    }
  }

  /** "recordId rev" → how many times it was streamed. */
  static Map<String, Integer> streamedVersions(SseStream stream) {
    Map<String, Integer> seen = new HashMap<>();
    for (SseEvent e : stream.events()) {
      if (e.event().equals("changes")) {
        for (JsonNode c : e.json().path("changes")) {
          seen.merge(c.path("recordId").asText() + " " + c.path("id").asText(), 1, Integer::sum);
        }
      }
    }
    return seen;
  }

  /** The title of the last streamed version of {@code recordId}, or null. */
  static String lastStreamed(SseStream stream, String recordId) {
    String title = null;
    for (SseEvent e : stream.events()) {
      if (e.event().equals("changes")) {
        for (JsonNode c : e.json().path("changes")) {
          if (c.path("recordId").asText().equals(recordId)) {
            title = c.path("data").path("title").asText();
          }
        }
      }
    }
    return title;
  }

  static String lastCursor(SseStream stream) {
    return stream.events().stream()
        .filter(e -> e.event().equals("changes"))
        .reduce((a, b) -> b)
        .orElseThrow()
        .json()
        .path("cursor")
        .asText();
  }

  private static List<String> streamedDocumentIds(SseStream stream) {
    List<String> ids = new ArrayList<>();
    for (SseEvent e : stream.events()) {
      if (!e.isRxdbResync()) {
        e.json().path("documents").forEach(d -> ids.add(d.path("id").asText()));
      }
    }
    return ids;
  }
}
