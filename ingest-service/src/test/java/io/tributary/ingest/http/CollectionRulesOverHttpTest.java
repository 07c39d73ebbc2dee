package io.tributary.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.Tokens;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Revisions;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strict mode and JSON Schema answers of both dialects, through the real router. */
class CollectionRulesOverHttpTest {

  private static final String TOKEN = Tokens.token("acme", "sync:write sync:read");
  private static Vertx vertx;
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    api =
        new ApiHarness(
            vertx,
            "127.0.0.1:9",
            5_000,
            CollectionRulesOverHttpTest::accept,
            List.of(),
            Map.of(
                "collections.strict",
                "true",
                "collections",
                "{\"todos\": {\"schema\": {\"type\": \"object\", \"required\": [\"title\"]}}}"));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static Outcome accept(ChangeRecord r) {
    return new Outcome(
        r.correlationId(),
        r.changeId(),
        Outcome.Status.ACCEPTED,
        Revisions.of(0, 1),
        r.hlc(),
        null,
        null,
        null);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.mapper().readTree(response.body());
  }

  private static void assertUnknown(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("unknown_collection");
  }

  @Test
  void shouldAnswer404ToEveryDialectBEndpointOfAnUnconfiguredCollection() throws Exception {
    assertUnknown(api.postJson("/v1/rxdb/other/push", TOKEN, "[]"));
    assertUnknown(api.get("/v1/rxdb/other/pull", TOKEN));
    assertUnknown(api.get("/v1/rxdb/other/pullStream", TOKEN));
  }

  @Test
  void shouldAnswer404ToADialectAPullOrStreamNamingAnUnconfiguredCollection() throws Exception {
    assertUnknown(
        api.postJson("/v1/sync/pull", TOKEN, "{\"collections\": [\"todos\", \"other\"]}"));
    assertUnknown(api.get("/v1/sync/stream?collections=other", TOKEN));
  }

  @Test
  void shouldAnswerSchemaViolationsAndUnknownCollectionsPerItemInDialectA() throws Exception {
    // Given one valid change, one without the required title, one to an unknown collection
    String body =
        "{\"changes\":["
            + "{\"id\":\"ok\",\"collection\":\"todos\",\"recordId\":\"r1\",\"type\":\"create\",\"data\":{\"title\":\"t\"}},"
            + "{\"id\":\"bad\",\"collection\":\"todos\",\"recordId\":\"r2\",\"type\":\"create\",\"data\":{\"done\":true}},"
            + "{\"id\":\"gone\",\"collection\":\"other\",\"recordId\":\"r3\",\"type\":\"create\",\"data\":{}}]}";

    // When
    HttpResponse<String> response = api.postJson("/v1/sync/push", TOKEN, body);

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json(response);
    assertThat(answer.at("/accepted/0/id").asText()).isEqualTo("ok");
    assertThat(answer.at("/errors/0/id").asText()).isEqualTo("bad");
    assertThat(answer.at("/errors/0/code").asText()).isEqualTo("schema_violation");
    assertThat(answer.at("/errors/0/status").asInt()).isEqualTo(422);
    assertThat(answer.at("/errors/0/path").asText()).isEqualTo("$.title");
    assertThat(answer.at("/errors/0/error").asText()).contains("$.title");
    assertThat(answer.at("/errors/1/code").asText()).isEqualTo("unknown_collection");
    assertThat(answer.at("/errors/1/status").isMissingNode()).isTrue();
    assertThat(api.produced).extracting(ChangeRecord::changeId).contains("ok");
    assertThat(api.produced).extracting(ChangeRecord::changeId).doesNotContain("bad", "gone");
  }

  @Test
  void shouldListSchemaViolationsWithTheirPathInTheDialectBHeader() throws Exception {
    String rows =
        "[{\"assumedMasterState\":null,\"newDocumentState\":{\"id\":\"b1\",\"title\":\"t\"}},"
            + "{\"assumedMasterState\":null,\"newDocumentState\":{\"id\":\"b2\"}}]";

    HttpResponse<String> response = api.postJson("/v1/rxdb/todos/push", TOKEN, rows);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Tributary-Errors"))
        .contains("[{\"index\":1,\"code\":\"schema_violation\",\"path\":\"$.title\"}]");
    assertThat(api.produced).extracting(ChangeRecord::recordId).contains("b1").doesNotContain("b2");
  }
}
