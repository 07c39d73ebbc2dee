package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The admin API on a stack of two projectors and two ingest instances: eviction of a tenant (old
 * cursors get 410 {@code tenant_reset}, a client that pushes its replica again restores it, other
 * tenants never notice), per-tenant counts, and a document's history from the changes log.
 */
class TenantEvictionIT extends StackPerClass {

  private static final String TODOS = "todos";
  private static final String NOTES = "notes";

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.projectors(2).ingests(2);
  }

  private String adminToken(String tenant) {
    return stack.tokens().token(tenant, "admin", null, Duration.ofMinutes(10));
  }

  /**
   * Runs a call again while it answers 503, as clients must: with two projectors, Kafka Streams may
   * still move a partition after both report RUNNING.
   */
  private static <T> T retrying(Callable<T> call) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsMatching(
            e -> e instanceof ChangeFeedClient.PullFailed f && f.response().status() == 503)
        .until(call, r -> !(r instanceof ApiResponse a && a.status() == 503));
  }

  /** Opens a live stream, again while it answers 503. */
  private static SseStream opened(Callable<SseStream> open) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              SseStream stream = open.call();
              await().atMost(Duration.ofSeconds(10)).until(() -> stream.statusOrNull() != null);
              if (stream.statusOrNull() == 200) {
                return stream;
              }
              stream.close();
              return null;
            },
            java.util.Objects::nonNull);
  }

  private ApiResponse evict(int ingest, String tenant) {
    return retrying(
        () -> stack.api(ingest).postJson("/v1/admin/evict", adminToken(tenant), Map.of()));
  }

  private JsonNode stats(int ingest, String tenant) {
    ApiResponse r = retrying(() -> stack.api(ingest).get("/v1/admin/stats", adminToken(tenant)));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    return r.json();
  }

  private static ChangeFeedClient client(Api api, TestTokens tokens, String tenant) {
    return new ChangeFeedClient(api, tokens.readWrite(tenant));
  }

  @Test
  void shouldAnswerOldCursorsWith410AndLetAReplicaRestoreTheTenantWhileOthersGoOn() {
    // Given tenant T with documents in two collections (one deleted), and tenant U
    String t = TestIds.tenant();
    String u = TestIds.tenant();
    ChangeFeedClient t0 = client(stack.api(0), stack.tokens(), t);
    ChangeFeedClient t1 = client(stack.api(1), stack.tokens(), t);
    ChangeFeedClient u0 = client(stack.api(0), stack.tokens(), u);
    List<ObjectNode> replica = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String collection = i % 2 == 0 ? TODOS : NOTES;
      replica.add(
          change(TestIds.changeId(), "create", collection, "doc-" + i, doc("doc-" + i, "v" + i)));
    }
    replica.add(change(TestIds.changeId(), "delete", NOTES, "doc-5", null));
    t0.pushOk(replica.toArray(ObjectNode[]::new));
    u0.pushOk(change(TestIds.changeId(), "create", TODOS, "u-1", doc("u-1", "of u")));
    String tCursor = retrying(() -> t0.pullToEnd(null)).cursor();
    String tRxCursor =
        retrying(() -> stack.rxdb(t, TODOS).pull(null, 100))
            .json()
            .path("checkpoint")
            .path("cursor")
            .asText();
    String uCursor = retrying(() -> u0.pullToEnd(null)).cursor();
    JsonNode before = stats(1, t);
    assertThat(before.path("documents").asLong()).as("%s", before).isEqualTo(5);
    assertThat(before.path("tombstones").asLong()).as("%s", before).isEqualTo(1);
    assertThat(before.path("collections").path(TODOS).path("documents").asLong()).isEqualTo(3);
    assertThat(before.path("generation").asLong()).isZero();

    // When an admin evicts T through the second ingest instance
    ApiResponse evicted = evict(1, t);

    // Then it answers with the new generation once every partition applied it
    assertThat(evicted.status()).as("%s", evicted).isEqualTo(200);
    assertThat(evicted.json().path("tenant").asText()).isEqualTo(t);
    assertThat(evicted.json().path("generation").asLong()).isEqualTo(1);
    assertThat(evicted.json().path("partitions").asInt())
        .isEqualTo(TributaryStack.CHANGES_PARTITIONS);

    // and old cursors get 410 tenant_reset on both instances and in both dialects
    for (ChangeFeedClient client : List.of(t0, t1)) {
      ApiResponse old = retrying(() -> client.pull(tCursor, 100));
      assertThat(old.status()).as("%s", old).isEqualTo(410);
      assertThat(old.errorCode()).isEqualTo("tenant_reset");
    }
    ApiResponse oldRx = retrying(() -> stack.rxdb(t, TODOS).pull(tRxCursor, 100));
    assertThat(oldRx.status()).as("%s", oldRx).isEqualTo(410);
    assertThat(oldRx.errorCode()).isEqualTo("tenant_reset");

    // and T has nothing left on the server
    ChangeFeedClient.Page fromScratch = retrying(() -> t1.pullToEnd(null));
    assertThat(fromScratch.changes()).isEmpty();
    JsonNode after = stats(0, t);
    assertThat(after.path("generation").asLong()).isEqualTo(1);
    assertThat(after.path("documents").asLong()).isZero();
    assertThat(after.path("tombstones").asLong()).isZero();
    assertThat(after.path("evictionInProgress").asBoolean()).isFalse();

    // and U never noticed: its cursor still works, its data is whole, it keeps writing
    ApiResponse uPull = retrying(() -> u0.pull(uCursor, 100));
    assertThat(uPull.status()).as("%s", uPull).isEqualTo(200);
    u0.pushOk(change(TestIds.changeId(), "create", TODOS, "u-2", doc("u-2", "of u")));
    assertThat(retrying(() -> u0.pullToEnd(uCursor)).latestByRecord()).containsOnlyKeys("u-2");
    assertThat(retrying(() -> u0.pullToEnd(null)).latestByRecord()).containsOnlyKeys("u-1", "u-2");
    assertThat(stats(0, u).path("generation").asLong()).isZero();

    // When T's client pushes its replica again, with the same change ids
    JsonNode again = t1.pushOk(replica.toArray(ObjectNode[]::new));

    // Then every change is applied anew (its idempotency state was evicted too)
    assertThat(again.path("accepted")).hasSize(replica.size());
    assertThat(again.path("conflicts")).isEmpty();
    ChangeFeedClient.Page restored = retrying(() -> t0.pullToEnd(null));
    Map<String, JsonNode> byRecord = restored.latestByRecord();
    assertThat(byRecord).containsOnlyKeys("doc-0", "doc-1", "doc-2", "doc-3", "doc-4", "doc-5");
    assertThat(byRecord.get("doc-5").path("type").asText()).isEqualTo("delete");
    assertThat(byRecord.get("doc-2").path("data").path("title").asText()).isEqualTo("v2");
    JsonNode restoredStats = stats(1, t);
    assertThat(restoredStats.path("documents").asLong()).isEqualTo(5);
    assertThat(restoredStats.path("tombstones").asLong()).isEqualTo(1);

    // and the new generation's cursor goes on working while the old one stays refused
    t0.pushOk(change(TestIds.changeId(), "update", TODOS, "doc-0", doc("doc-0", "v0b")));
    assertThat(retrying(() -> t1.pullToEnd(restored.cursor())).latestByRecord())
        .containsOnlyKeys("doc-0");
    assertThat(retrying(() -> t1.pull(tCursor, 10)).status()).isEqualTo(410);
  }

  @Test
  void shouldEndTheEvictedTenantsLiveStreamsAndNoOneElses() {
    String t = TestIds.tenant();
    String u = TestIds.tenant();
    ChangeFeedClient tClient = stack.changeFeed(t);
    ChangeFeedClient uClient = stack.changeFeed(u);
    tClient.pushOk(change(TestIds.changeId(), "create", TODOS, "t-1", doc("t-1", "of t")));
    try (SseStream tFeed = opened(() -> tClient.stream(null));
        SseStream tRx = opened(() -> stack.rxdb(t, TODOS).pullStream(null));
        SseStream uFeed = opened(() -> uClient.stream(null))) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  tFeed.statusOrNull() != null
                      && tRx.statusOrNull() != null
                      && uFeed.statusOrNull() != null
                      && !tFeed.events().isEmpty()
                      && !tRx.events().isEmpty());
      int rxFramesBefore = tRx.events().size();

      // When T is evicted
      assertThat(evict(0, t).status()).isEqualTo(200);

      // Then T's streams end with a resync, so their clients pull again and learn of it
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> tFeed.failure() != null && tRx.failure() != null);
      assertThat(tFeed.events()).anyMatch(e -> e.event().equals("resync"));
      assertThat(tRx.events().subList(rxFramesBefore, tRx.events().size()))
          .anyMatch(SseEvent::isRxdbResync);

      // and U's stream goes on delivering
      uClient.pushOk(change(TestIds.changeId(), "create", TODOS, "u-live", doc("u-live", "u")));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> uFeed.events().toString().contains("u-live"));
      assertThat(uFeed.failure()).isNull();
      assertThat(uFeed.events()).noneMatch(e -> e.event().equals("resync"));
    }
  }

  @Test
  void shouldRefuseTheAdminApiWithoutTheAdminScope() {
    String t = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(t);
    client.pushOk(change(TestIds.changeId(), "create", TODOS, "keep", doc("keep", "kept")));
    String readWrite = stack.tokens().readWrite(t);

    ApiResponse evict = stack.api().postJson("/v1/admin/evict", readWrite, Map.of());
    ApiResponse stats = stack.api().get("/v1/admin/stats", readWrite);
    ApiResponse history = stack.api().get("/v1/admin/history?collection=todos&id=keep", readWrite);
    ApiResponse anonymous = stack.api().postJson("/v1/admin/evict", null, Map.of());

    assertThat(List.of(evict, stats, history))
        .allSatisfy(
            r -> {
              assertThat(r.status()).as("%s", r).isEqualTo(403);
              assertThat(r.errorCode()).isNotBlank();
            });
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(retrying(() -> client.pullToEnd(null)).latestByRecord()).containsOnlyKeys("keep");
  }

  @Test
  void shouldShowADocumentsHistoryWithOutcomesAcrossAnEviction() {
    String t = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(t);
    long now = System.currentTimeMillis();
    String first = TestIds.changeId();
    String second = TestIds.changeId();
    String late = TestIds.changeId();
    String id = "doc/with/slashes";
    client.pushOk(change(first, "create", TODOS, id, doc(id, "one")).put("timestamp", now - 2_000));
    client.pushOk(
        change(second, "update", TODOS, id, doc(id, "two")).put("timestamp", now - 1_000));
    // an older write arrives last: accepted but superseded under lww
    client.pushOk(change(late, "update", TODOS, id, doc(id, "old")).put("timestamp", now - 1_500));
    client.pushOk(change(TestIds.changeId(), "create", TODOS, "other", doc("other", "x")));

    JsonNode history = history(t, TODOS, id, null);
    assertThat(history.path("complete").asBoolean()).isTrue();
    assertThat(history.path("partition").asInt())
        .isBetween(0, TributaryStack.CHANGES_PARTITIONS - 1);
    List<JsonNode> entries = list(history.path("changes"));
    assertThat(entries)
        .extracting(e -> e.path("changeId").asText())
        .containsExactly(first, second, late);
    assertThat(entries)
        .extracting(e -> e.path("status").asText())
        .containsExactly("accepted", "accepted", "superseded");
    assertThat(entries.get(1).path("data").path("title").asText()).isEqualTo("two");
    assertThat(entries.get(0).path("offset").asLong())
        .isLessThan(entries.get(1).path("offset").asLong());

    // a limit keeps the latest entries
    JsonNode limited = history(t, TODOS, id, 2);
    assertThat(limited.path("complete").asBoolean()).isFalse();
    assertThat(list(limited.path("changes")))
        .extracting(e -> e.path("changeId").asText())
        .containsExactly(second, late);

    // When the tenant is evicted and the document written again
    assertThat(evict(1, t).status()).isEqualTo(200);
    String after = TestIds.changeId();
    client.pushOk(change(after, "create", TODOS, id, doc(id, "three")));

    // Then the history shows the old generation without outcomes, the eviction, and the new write
    List<JsonNode> across = list(history(t, TODOS, id, null).path("changes"));
    assertThat(across).hasSize(5);
    assertThat(across.subList(0, 3))
        .allSatisfy(
            e -> {
              assertThat(e.path("generation").asLong()).isZero();
              assertThat(e.has("status")).isFalse();
            });
    assertThat(across.get(3).path("type").asText()).isEqualTo("evict");
    assertThat(across.get(3).path("generation").asLong()).isEqualTo(1);
    assertThat(across.get(4).path("changeId").asText()).isEqualTo(after);
    assertThat(across.get(4).path("generation").asLong()).isEqualTo(1);
    assertThat(across.get(4).path("status").asText()).isEqualTo("accepted");

    // and bad lookups are refused
    assertThat(stack.api().get("/v1/admin/history?collection=todos", adminToken(t)).status())
        .isEqualTo(400);
    assertThat(
            stack
                .api()
                .get("/v1/admin/history?collection=todos&id=x&limit=0", adminToken(t))
                .status())
        .isEqualTo(400);
  }

  private JsonNode history(String tenant, String collection, String id, Integer limit) {
    String path =
        "/v1/admin/history?collection="
            + collection
            + "&id="
            + ChangeFeedClient.enc(id)
            + (limit == null ? "" : "&limit=" + limit);
    ApiResponse r = retrying(() -> stack.api(1).get(path, adminToken(tenant)));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    return r.json();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
