package io.tributary.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.Tokens;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Revisions;
import io.vertx.core.Vertx;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpApiTest {

  private static Vertx vertx;
  private static ApiHarness api;
  private static ApiHarness slowApi;
  private static final String WRITER = Tokens.token("acme", "sync:write");

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    api = new ApiHarness(vertx, "127.0.0.1:9", 5_000, HttpApiTest::projector);
    slowApi = new ApiHarness(vertx, "127.0.0.1:9", 200, r -> null);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    slowApi.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  /** Acts as the projector: record ids say what happens. */
  static Outcome projector(ChangeRecord r) {
    long offset = 42;
    return switch (r.recordId()) {
      case "conflict" -> {
        var current = Json.mapper().createObjectNode().put("id", "conflict").put("title", "theirs");
        yield new Outcome(
            r.correlationId(),
            r.changeId(),
            Outcome.Status.CONFLICT,
            null,
            r.hlc(),
            new DocumentVersion(
                r.tenant(),
                r.collection(),
                r.recordId(),
                current,
                false,
                Revisions.of(1, 7),
                1,
                7,
                r.hlc() - 1,
                r.lwwTime() - 1,
                "earlier"),
            null,
            null);
      }
      case "rejected" ->
          new Outcome(
              r.correlationId(),
              r.changeId(),
              Outcome.Status.REJECTED,
              null,
              r.hlc(),
              null,
              "schema_mismatch",
              "no");
      default ->
          new Outcome(
              r.correlationId(),
              r.changeId(),
              Outcome.Status.ACCEPTED,
              Revisions.of(0, offset),
              r.hlc(),
              null,
              null,
              null);
    };
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.mapper().readTree(response.body());
  }

  private static void assertError(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(json(response).at("/error/code").asText()).isEqualTo(code);
    assertThat(json(response).at("/error/message").asText()).isNotBlank();
  }

  @Test
  void shouldAnswer404JsonForUnknownRoute() throws Exception {
    assertError(api.get("/v1/nothing-here", WRITER), 404, "not_found");
  }

  @Test
  void shouldAnswer405ForWrongMethodOnKnownRoute() throws Exception {
    assertError(api.send(api.request("/v1/sync/push").DELETE().build()), 405, "method_not_allowed");
  }

  @Test
  void shouldListThePathsMethodsInTheAllowHeaderOfA405() throws Exception {
    assertThat(allowOf(api.request("/v1/sync/push").DELETE().build())).isEqualTo("POST");
    assertThat(allowOf(api.request("/v1/sync/pull").PUT(BodyPublishers.noBody()).build()))
        .isEqualTo("GET, POST");
    assertThat(allowOf(api.request("/v1/rxdb/todos/pull").DELETE().build())).isEqualTo("GET");
    assertThat(allowOf(api.request("/v1/rxdb/todos/push/").GET().build())).isEqualTo("POST");
    assertThat(allowOf(api.request("/v1/sync").DELETE().build())).isEqualTo("HEAD");
  }

  private String allowOf(HttpRequest request) throws Exception {
    HttpResponse<String> response = api.send(request);
    assertThat(response.statusCode()).as("%s %s", request.method(), request.uri()).isEqualTo(405);
    return response.headers().firstValue("Allow").orElse("(none)");
  }

  @Test
  void shouldAnswer415WhenPostIsNotJson() throws Exception {
    HttpRequest request =
        api.request("/v1/sync/push")
            .header("Authorization", "Bearer " + WRITER)
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    assertError(api.send(request), 415, "unsupported_media_type");
  }

  @Test
  void shouldAnswer400InvalidJsonForBrokenBody() throws Exception {
    assertError(api.postJson("/v1/sync/push", WRITER, "{\"changes\": [ oops"), 400, "invalid_json");
  }

  @Test
  void shouldAnswer413WhenBodyExceedsTheLimit() throws Exception {
    String big = "{\"changes\":[],\"pad\":\"" + "x".repeat(10_000) + "\"}";

    assertError(api.postJson("/v1/sync/push", WRITER, big), 413, "payload_too_large");
  }

  @Test
  void shouldAnswer413WhenPushCarriesTooManyChanges() throws Exception {
    String six = "{\"changes\":[{},{},{},{},{},{}]}";

    assertError(api.postJson("/v1/sync/push", WRITER, six), 413, "payload_too_large");
  }

  @Test
  void shouldAnswer401WithBearerChallengeWithoutToken() throws Exception {
    HttpResponse<String> response = api.postJson("/v1/sync/push", null, "{\"changes\":[]}");

    assertError(response, 401, "unauthorized");
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void shouldAnswer403WhenTokenLacksWriteScope() throws Exception {
    String reader = Tokens.token("acme", "sync:read");

    assertError(api.postJson("/v1/sync/push", reader, "{\"changes\":[]}"), 403, "forbidden");
  }

  @Test
  void shouldAnswer403ForRxdbCollectionOutsideCols() throws Exception {
    String token = Tokens.withCols("acme", "admin", List.of("notes"));

    assertError(api.postJson("/v1/rxdb/todos/push", token, "[]"), 403, "forbidden");
  }

  @Test
  void shouldAnswer426ForProtocolOlderThanSupported() throws Exception {
    HttpRequest request =
        api.request("/v1/sync/pull").header("Tributary-Protocol", "0").GET().build();

    assertError(api.send(request), 426, "protocol_too_old");
  }

  @Test
  void shouldAnswerHeadProbeWithoutToken() throws Exception {
    HttpRequest request =
        api.request("/v1/sync").method("HEAD", HttpRequest.BodyPublishers.noBody()).build();

    assertThat(api.send(request).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAcceptValidChangesAndReportBadOnesPerItem() throws Exception {
    // Given
    String body =
        "{\"changes\":["
            + "{\"id\":\"c1\",\"collection\":\"todos\",\"recordId\":\"r1\",\"type\":\"create\",\"data\":{\"t\":1}},"
            + "{\"id\":\"c2\",\"collection\":\"BAD\",\"recordId\":\"r2\",\"type\":\"create\",\"data\":{}},"
            + "{\"id\":\"c3\",\"collection\":\"todos\",\"recordId\":\"conflict\",\"type\":\"update\",\"data\":{\"title\":\"mine\"}},"
            + "{\"id\":\"c4\",\"collection\":\"todos\",\"recordId\":\"rejected\",\"type\":\"update\",\"data\":{}}]}";

    // When
    HttpResponse<String> response = api.postJson("/v1/sync/push", WRITER, body);

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json(response);
    assertThat(answer.at("/accepted/0/id").asText()).isEqualTo("c1");
    assertThat(answer.at("/accepted/0/rev").asText()).isEqualTo(Revisions.of(0, 42));
    assertThat(answer.at("/accepted/0/superseded").isMissingNode()).isTrue();
    assertThat(answer.at("/conflicts/0/changeId").asText()).isEqualTo("c3");
    assertThat(answer.at("/conflicts/0/remote/title").asText()).isEqualTo("theirs");
    assertThat(answer.at("/conflicts/0/fieldConflicts/0").asText()).isEqualTo("title");
    assertThat(answer.get("errors")).hasSize(2);
    assertThat(answer.at("/errors/0/id").asText()).isEqualTo("c4");
    assertThat(answer.at("/errors/0/code").asText()).isEqualTo("schema_mismatch");
    assertThat(answer.at("/errors/1/id").asText()).isEqualTo("c2");
    assertThat(answer.at("/errors/1/code").asText()).isEqualTo("invalid_collection");
    ChangeRecord first =
        api.produced.stream().filter(r -> r.changeId().equals("c1")).findFirst().orElseThrow();
    assertThat(first.tenant()).isEqualTo("acme");
    assertThat(first.replyPartition()).isEqualTo(ApiHarness.REPLY_PARTITION);
    assertThat(first.correlationId()).isNotBlank();
    assertThat(api.produced).noneMatch(r -> r.changeId().equals("c2"));
  }

  @Test
  void shouldAnswer504WhenAnOutcomeDoesNotArriveInTime() throws Exception {
    String body =
        "{\"changes\":[{\"id\":\"c1\",\"collection\":\"todos\",\"recordId\":\"r1\","
            + "\"type\":\"create\",\"data\":{}}]}";

    HttpResponse<String> response = slowApi.postJson("/v1/sync/push", WRITER, body);

    assertError(response, 504, "push_timeout");
    assertThat(slowApi.produced).hasSize(1);
    assertThat(slowApi.pending.size()).isZero();
  }

  @Test
  void shouldAnswerRxdbPushWithConflictingMastersAndListBadRowsInHeader() throws Exception {
    // Given
    String rows =
        "["
            + "{\"assumedMasterState\":null,\"newDocumentState\":{\"id\":\"ok\",\"a\":1}},"
            + "{\"assumedMasterState\":null,\"newDocumentState\":{\"a\":1}},"
            + "{\"assumedMasterState\":{\"id\":\"conflict\",\"title\":\"old\"},"
            + "\"newDocumentState\":{\"id\":\"conflict\",\"title\":\"mine\"}}]";

    // When
    HttpResponse<String> response = api.postJson("/v1/rxdb/todos/push", WRITER, rows);

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json(response);
    assertThat(answer).hasSize(1);
    assertThat(answer.at("/0/id").asText()).isEqualTo("conflict");
    assertThat(answer.at("/0/title").asText()).isEqualTo("theirs");
    assertThat(answer.at("/0/_deleted").asBoolean(true)).isFalse();
    assertThat(response.headers().firstValue("Tributary-Errors"))
        .contains("[{\"index\":1,\"code\":\"invalid_record_id\"}]");
  }
}
