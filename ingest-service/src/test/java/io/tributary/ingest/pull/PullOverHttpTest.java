package io.tributary.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.FakeProjector;
import io.tributary.ingest.ScanFixtures;
import io.tributary.ingest.Tokens;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.cursor.CursorParse;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Revisions;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.ScanResponse;
import io.vertx.core.Vertx;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PullOverHttpTest {

  private static final String READER = Tokens.token("acme", "sync:read");

  private Vertx vertx;
  private FakeProjector projector;
  private ApiHarness api;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    projector = new FakeProjector(vertx, 2, ScanFixtures::twoPartitions);
    api = new ApiHarness(vertx, projector.endpoint(), 1000, r -> null);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    projector.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  private Cursor decode(String tenant, String wire) {
    return ((CursorParse.Valid) api.cursors.decode(tenant, wire)).cursor();
  }

  @Test
  void shouldPullChangesFromTheOwnersAndReturnACursorAtTheWatermarks() throws Exception {
    // When
    HttpResponse<String> response = api.get("/v1/sync/pull?collections=todos", READER);

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.at("/changes/0/recordId").asText()).isEqualTo("r1");
    assertThat(body.at("/changes/0/type").asText()).isEqualTo("update");
    assertThat(body.at("/changes/0/id").asText()).isEqualTo(Revisions.of(0, 3));
    assertThat(body.at("/changes/1/type").asText()).isEqualTo("delete");
    assertThat(body.get("hasMore").asBoolean()).isFalse();
    Cursor cursor = decode("acme", body.get("cursor").asText());
    assertThat(cursor.positions()).isEqualTo(Map.of(0, 9L, 1, 4L));
    assertThat(projector.scans.get(0).tenant()).isEqualTo("acme");
    assertThat(projector.scans.get(0).collections()).containsExactly("todos");
  }

  @Test
  void shouldSendTheCursorPositionsAndPageSizeToTheProjector() throws Exception {
    // Given: a first page of one change
    JsonNode first = json(api.postJson("/v1/sync/pull", READER, "{\"batchSize\":1}"));
    assertThat(first.get("changes")).hasSize(1);
    assertThat(first.get("hasMore").asBoolean()).isTrue();

    // When
    JsonNode second =
        json(
            api.postJson(
                "/v1/sync/pull",
                READER,
                "{\"batchSize\":1,\"cursor\":\"" + first.get("cursor").asText() + "\"}"));

    // Then
    ScanRequest scan = projector.scans.get(projector.scans.size() - 1);
    assertThat(scan.after()).containsEntry(0, 3L);
    assertThat(scan.limit()).isEqualTo(1);
    assertThat(second.at("/changes/0/recordId").asText()).isEqualTo("r2");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenAPartitionIsMissing() throws Exception {
    // Given
    projector.answer(scan -> new ScanResponse(Map.of(0, new PartitionSlice(List.of(), 1, true))));

    // When
    HttpResponse<String> response = api.get("/v1/sync/pull", READER);

    // Then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
    assertThat(json(response).at("/error/code").asText()).isEqualTo("unavailable");
  }

  @Test
  void shouldAnswer400ForACursorIssuedToAnotherTenant() throws Exception {
    String foreign = api.cursors.encode("other", Cursor.of(0, Map.of(0, 1L)));

    HttpResponse<String> response = api.get("/v1/sync/pull?cursor=" + foreign, READER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid_cursor");
  }

  @Test
  void shouldAnswer410ForACursorOfAnotherGeneration() throws Exception {
    String old = api.cursors.encode("acme", Cursor.of(7, Map.of(0, 1L)));

    HttpResponse<String> response = api.get("/v1/sync/pull?cursor=" + old, READER);

    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("tenant_reset");
  }

  @Test
  void shouldAnswer403WhenPullingACollectionOutsideCols() throws Exception {
    String token = Tokens.withCols("acme", "sync:read", List.of("notes"));

    HttpResponse<String> response = api.get("/v1/sync/pull?collections=todos", token);

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void shouldRestrictAnUnfilteredPullToTheTokensCols() throws Exception {
    String token = Tokens.withCols("acme", "sync:read", List.of("notes", "todos"));

    api.get("/v1/sync/pull", token);

    assertThat(projector.scans.get(0).collections()).containsExactly("notes", "todos");
  }

  @Test
  void shouldPullRxdbDocumentsWithDeletedFlagAndKeepTheGivenCheckpointOnAnEmptyPage()
      throws Exception {
    // Given
    HttpResponse<String> first = api.get("/v1/rxdb/todos/pull?limit=10", READER);
    JsonNode body = json(first);
    String checkpoint = body.at("/checkpoint/cursor").asText();

    // When
    projector.answer(emptyAt(20));
    JsonNode empty =
        json(
            api.get(
                "/v1/rxdb/todos/pull?limit=10&cursor="
                    + URLEncoder.encode(checkpoint, StandardCharsets.UTF_8),
                READER));

    // Then
    assertThat(body.at("/documents/0/id").asText()).isEqualTo("r1");
    assertThat(body.at("/documents/0/_deleted").asBoolean()).isFalse();
    assertThat(body.at("/documents/1/_deleted").asBoolean()).isTrue();
    assertThat(empty.get("documents")).isEmpty();
    assertThat(empty.at("/checkpoint/cursor").asText()).isEqualTo(checkpoint);
  }

  @Test
  void shouldRelearnOwnersAndRetryOnceWhenAPartitionMovedAway() throws Exception {
    // Given: owners are cached by a first pull
    assertThat(api.get("/v1/sync/pull", READER).statusCode()).isEqualTo(200);
    assertThat(projector.ownerRequests.get()).isEqualTo(1);
    java.util.concurrent.atomic.AtomicBoolean first =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    projector.answer(
        scan ->
            first.getAndSet(false)
                ? new ScanResponse(Map.of(0, new PartitionSlice(List.of(), 1, true)))
                : ScanFixtures.twoPartitions(scan));

    // When
    HttpResponse<String> response = api.get("/v1/sync/pull", READER);

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(projector.ownerRequests.get()).isEqualTo(2);
  }

  @Test
  void shouldTreatAnEmptyPostBodyAsAPullFromTheBeginning() throws Exception {
    HttpResponse<String> response = api.postJson("/v1/sync/pull", READER, "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("changes")).hasSize(2);
  }

  @Test
  void shouldAnswer400ForANonNumericBatchSize() throws Exception {
    HttpResponse<String> response = api.get("/v1/sync/pull?batchSize=lots", READER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("bad_request");
  }

  static Function<ScanRequest, ScanResponse> emptyAt(long watermark) {
    return scan ->
        new ScanResponse(
            Map.of(
                0, new PartitionSlice(List.of(), watermark, true),
                1, new PartitionSlice(List.of(), watermark, true)));
  }
}
