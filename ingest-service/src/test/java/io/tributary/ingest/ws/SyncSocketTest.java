package io.tributary.ingest.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.FakeProjector;
import io.tributary.ingest.ScanFixtures;
import io.tributary.ingest.Tokens;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Revisions;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncSocketTest {

  private static final String READER = Tokens.token("acme", "sync:read");
  private static final String WRITER = Tokens.token("acme", "sync:read sync:write");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private Vertx vertx;
  private FakeProjector projector;
  private ApiHarness api;
  private SocketClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    projector = new FakeProjector(vertx, 2, ScanFixtures::twoPartitions);
    api = new ApiHarness(vertx, projector.endpoint(), 5_000, SyncSocketTest::accept);
    client = new SocketClient(vertx, api.port());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    api.close();
    projector.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  /** Acts as the projector: accepts every change at partition 0, offset 42. */
  static Outcome accept(ChangeRecord r) {
    return new Outcome(
        r.correlationId(),
        r.changeId(),
        Outcome.Status.ACCEPTED,
        Revisions.of(0, 42),
        r.hlc(),
        null,
        null,
        null);
  }

  private static DocumentVersion version(String collection, String id, int partition, long offset) {
    return new DocumentVersion(
        "acme",
        collection,
        id,
        Json.mapper().createObjectNode().put("id", id),
        false,
        Revisions.of(partition, offset),
        partition,
        offset,
        offset << 16,
        offset,
        "c-" + id);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.mapper().readTree(response.body());
  }

  private JsonNode awaitFrame(String type, int count) {
    await().atMost(WAIT).until(() -> client.ofType(type).size() >= count);
    return client.ofType(type).get(count - 1);
  }

  @Test
  void shouldAnswerErrorAndCloseWithPolicyViolationWhenPushComesBeforeAuth() throws Exception {
    // When
    client.send(
        "{\"type\":\"push\",\"requestId\":\"p1\",\"payload\":{\"changes\":["
            + "{\"id\":\"c1\",\"collection\":\"todos\",\"recordId\":\"r1\",\"type\":\"create\",\"data\":{}}]}}");

    // Then
    JsonNode error = awaitFrame("error", 1);
    assertThat(error.get("requestId").asText()).isEqualTo("p1");
    assertThat(error.at("/payload/code").asText()).isEqualTo("unauthorized");
    assertThat(error.at("/payload/message").asText()).contains("auth");
    await().atMost(WAIT).until(client::isClosed);
    assertThat(client.closeCode()).isEqualTo(SyncSocket.POLICY_VIOLATION);
    assertThat(api.produced).isEmpty();
  }

  @Test
  void shouldRefuseATokenWithABadSignatureAndClose() throws Exception {
    // When
    client.auth(Tokens.signed(Tokens.claims("acme", "sync:read").build(), Tokens.OTHER_SECRET));

    // Then
    assertThat(awaitFrame("error", 1).at("/payload/code").asText()).isEqualTo("unauthorized");
    await().atMost(WAIT).until(client::isClosed);
    assertThat(client.closeCode()).isEqualTo(SyncSocket.POLICY_VIOLATION);
    assertThat(client.closeReason()).isNotBlank();
  }

  /**
   * The close frame after a refused auth must reach the client at once, also when the client sent
   * more frames behind the auth (the fuzzer used to tolerate it up to 5 s late). Measured with the
   * JDK client, which reports the close frame itself rather than the end of the TCP connection
   * (that ends once the client answers the close, or after Vert.x's 10 s closing timeout).
   */
  @Test
  void shouldSendTheCloseFramePromptlyWhenFramesFollowARefusedAuth() throws Exception {
    // Given
    java.util.concurrent.CompletableFuture<Integer> closed =
        new java.util.concurrent.CompletableFuture<>();
    java.net.http.WebSocket ws =
        api.client()
            .newWebSocketBuilder()
            .buildAsync(
                java.net.URI.create("ws://127.0.0.1:" + api.port() + "/v1/sync/ws"),
                new java.net.http.WebSocket.Listener() {
                  @Override
                  public java.util.concurrent.CompletionStage<?> onClose(
                      java.net.http.WebSocket socket, int status, String reason) {
                    closed.complete(status);
                    return null;
                  }
                })
            .get(10, java.util.concurrent.TimeUnit.SECONDS);

    // When: a refused auth, then frames sent without waiting for an answer
    long start = System.nanoTime();
    ws.sendText("{\"type\":\"auth\",\"payload\":{\"authorization\":\"Bearer x\"}}", true)
        .thenCompose(w -> w.sendText("{\"type\":\"pull\",\"requestId\":1}", true))
        .thenCompose(w -> w.sendText("{\"type\":\"pull\",\"requestId\":2}", true));

    // Then
    try {
      assertThat(closed.get(2, java.util.concurrent.TimeUnit.SECONDS))
          .as("close code, %d ms after the auth", (System.nanoTime() - start) / 1_000_000)
          .isEqualTo((int) SyncSocket.POLICY_VIOLATION);
    } finally {
      ws.abort();
    }
  }

  @Test
  void shouldCloseWhenTheFirstFrameIsNotJson() throws Exception {
    client.send("hello");

    assertThat(awaitFrame("error", 1).at("/payload/code").asText()).isEqualTo("invalid_frame");
    await().atMost(WAIT).until(client::isClosed);
    assertThat(client.closeCode()).isEqualTo(SyncSocket.POLICY_VIOLATION);
  }

  @Test
  void shouldRefuseAnAuthFrameWithAProtocolTooOld() throws Exception {
    client.send(
        "{\"type\":\"auth\",\"payload\":{\"Authorization\":\"Bearer "
            + READER
            + "\",\"tributary-protocol\":\"0\"}}");

    assertThat(awaitFrame("error", 1).at("/payload/code").asText()).isEqualTo("protocol_too_old");
    await().atMost(WAIT).until(client::isClosed);
    assertThat(client.closeCode()).isEqualTo(SyncSocket.POLICY_VIOLATION);
  }

  @Test
  void shouldAnswerASecondAuthWithAnErrorAndStayOpen() throws Exception {
    // Given
    client.auth(READER);

    // When
    client.send("{\"type\":\"auth\",\"requestId\":\"a2\",\"payload\":{}}");
    client.send("{\"type\":\"pull\",\"requestId\":\"p1\"}");

    // Then
    JsonNode error = awaitFrame("error", 1);
    assertThat(error.get("requestId").asText()).isEqualTo("a2");
    assertThat(error.at("/payload/code").asText()).isEqualTo("already_authenticated");
    assertThat(awaitFrame("pull_result", 1).get("requestId").asText()).isEqualTo("p1");
  }

  @Test
  void shouldAnswerPushWithTheRequestIdAndTheJsonOfAnHttpPush() throws Exception {
    // Given
    String changes =
        "{\"changes\":["
            + "{\"id\":\"%s\",\"collection\":\"todos\",\"recordId\":\"r1\",\"type\":\"create\",\"data\":{\"t\":1}},"
            + "{\"id\":\"bad\",\"collection\":\"BAD\",\"recordId\":\"r2\",\"type\":\"create\",\"data\":{}}]}";
    JsonNode overHttp = json(api.postJson("/v1/sync/push", WRITER, changes.formatted("h1")));
    client.auth(WRITER);

    // When
    client.send(
        "{\"type\":\"push\",\"requestId\":\"p1\",\"payload\":" + changes.formatted("w1") + "}");

    // Then
    JsonNode result = awaitFrame("push_result", 1);
    assertThat(result.get("requestId").asText()).isEqualTo("p1");
    JsonNode payload = result.get("payload");
    assertThat(payload.at("/accepted/0/id").asText()).isEqualTo("w1");
    assertThat(payload.at("/accepted/0/rev").asText()).isEqualTo(Revisions.of(0, 42));
    assertThat(payload.at("/accepted/0/serverTimestamp").isNumber()).isTrue();
    assertThat(payload.get("conflicts")).isEqualTo(overHttp.get("conflicts"));
    assertThat(payload.get("errors")).isEqualTo(overHttp.get("errors"));
    assertThat(payload.at("/errors/0/code").asText()).isEqualTo("invalid_collection");
    assertThat(api.produced).anyMatch(r -> r.changeId().equals("w1") && r.tenant().equals("acme"));
  }

  @Test
  void shouldAnswerPullWithTheRequestIdAndTheJsonOfAnHttpPull() throws Exception {
    // Given
    JsonNode overHttp = json(api.get("/v1/sync/pull?collections=todos", READER));
    client.auth(READER);

    // When
    client.send("{\"type\":\"pull\",\"requestId\":7,\"payload\":{\"collections\":[\"todos\"]}}");

    // Then
    JsonNode result = awaitFrame("pull_result", 1);
    assertThat(result.get("requestId").asInt()).isEqualTo(7);
    assertThat(result.get("payload")).isEqualTo(overHttp);
    assertThat(result.at("/payload/changes/0/recordId").asText()).isEqualTo("r1");
  }

  @Test
  void shouldSendServerPushOfNewVersionsAfterTheFirstPull() throws Exception {
    // Given: authenticated, not yet live
    client.auth(READER);
    client.send("{\"type\":\"pull\",\"requestId\":\"no-such\",\"payload\":{\"batchSize\":0}}");
    awaitFrame("error", 1);
    assertThat(api.registry.size()).isZero();

    // When: the first successful pull (collections todos) reaches watermark 9 of partition 0
    client.send(
        "{\"type\":\"pull\",\"requestId\":\"first\",\"payload\":{\"collections\":[\"todos\"]}}");
    awaitFrame("pull_result", 1);
    await().atMost(WAIT).until(() -> api.registry.size() == 1);
    api.registry.publish(
        List.of(
            version("todos", "r1", 0, 8),
            version("todos", "r3", 0, 12),
            version("notes", "n1", 1, 5)));

    // Then: only the version above the cursor, of the pulled collections, arrives
    JsonNode push = awaitFrame("server_push", 1);
    assertThat(push.get("requestId").isNull()).isTrue();
    assertThat(push.get("payload").isArray()).isTrue();
    assertThat(push.get("payload")).hasSize(1);
    assertThat(push.at("/payload/0/recordId").asText()).isEqualTo("r3");
    assertThat(push.at("/payload/0/id").asText()).isEqualTo(Revisions.of(0, 12));
    assertThat(push.at("/payload/0/collection").asText()).isEqualTo("todos");
  }

  @Test
  void shouldAnswerMalformedFramesWithErrorsAndKeepTheConnectionOpen() throws Exception {
    // Given
    client.auth(READER);

    // When
    client.send("{ not json");
    client.send("{\"type\":\"dance\",\"requestId\":\"d1\"}");
    client.send("{\"type\":\"pull\",\"requestId\":\"bad\",\"payload\":{\"batchSize\":\"lots\"}}");
    client.send("{\"type\":\"pull\",\"requestId\":\"ok\",\"payload\":{}}");

    // Then
    JsonNode pulled = awaitFrame("pull_result", 1);
    assertThat(pulled.get("requestId").asText()).isEqualTo("ok");
    List<JsonNode> errors = client.ofType("error");
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0).at("/payload/code").asText()).isEqualTo("invalid_frame");
    assertThat(errors.get(0).get("requestId").isNull()).isTrue();
    assertThat(errors.get(1).at("/payload/code").asText()).isEqualTo("invalid_frame");
    assertThat(errors.get(1).get("requestId").asText()).isEqualTo("d1");
    assertThat(errors.get(2).at("/payload/code").asText()).isEqualTo("bad_request");
    assertThat(errors.get(2).get("requestId").asText()).isEqualTo("bad");
    assertThat(client.isClosed()).isFalse();
  }

  @Test
  void shouldAnswerForbiddenToAPushWithoutWriteScopeAndStayOpen() throws Exception {
    // Given
    client.auth(READER);

    // When
    client.send("{\"type\":\"push\",\"requestId\":\"p1\",\"payload\":{\"changes\":[]}}");
    client.send("{\"type\":\"pull\",\"requestId\":\"p2\"}");

    // Then
    JsonNode error = awaitFrame("error", 1);
    assertThat(error.get("requestId").asText()).isEqualTo("p1");
    assertThat(error.at("/payload/code").asText()).isEqualTo("forbidden");
    assertThat(awaitFrame("pull_result", 1).get("requestId").asText()).isEqualTo("p2");
    assertThat(api.produced).isEmpty();
  }

  @Test
  void shouldCountPushAndPullFramesAsRequestsOfTheWebSocketTransport() throws Exception {
    // Given a connection without the write scope
    client.auth(READER);

    // When it pushes (refused with 403) and pulls
    client.send("{\"type\":\"push\",\"requestId\":\"p1\",\"payload\":{\"changes\":[]}}");
    client.send(
        "{\"type\":\"pull\",\"requestId\":\"p2\",\"payload\":{\"collections\":[\"todos\"]}}");
    JsonNode pulled = awaitFrame("pull_result", 1);

    // Then both are counted under transport websocket, with the push's status, and none as HTTP
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(
                      api.meters
                          .get("tributary_push_requests")
                          .tags("dialect", "sync", "transport", "websocket", "status", "403")
                          .counter()
                          .count())
                  .isEqualTo(1);
              assertThat(
                      api.meters
                          .get("tributary_pull_latency")
                          .tags("dialect", "sync", "transport", "websocket")
                          .timer()
                          .count())
                  .isEqualTo(1);
            });
    assertThat(api.meters.find("tributary_push_requests").tag("transport", "http").counters())
        .isEmpty();
    assertThat(api.meters.get("tributary_pull_documents").tag("dialect", "sync").counter().count())
        .isEqualTo(pulled.at("/payload/changes").size())
        .isPositive();
  }

  @Test
  void shouldEndTheLiveFeedWhenTheClientDisconnects() throws Exception {
    // Given
    client.auth(READER);
    client.send("{\"type\":\"pull\",\"requestId\":\"p1\"}");
    awaitFrame("pull_result", 1);
    await().atMost(WAIT).until(() -> api.registry.size() == 1);

    // When
    client.close();

    // Then
    await().atMost(WAIT).until(() -> api.registry.size() == 0);
  }

  @Test
  void shouldCloseWithMessageTooBigWhenAFrameExceedsTheBodyLimit() throws Exception {
    // Given
    client.auth(WRITER);

    // When
    String pad = "x".repeat((int) ApiHarness.MAX_BODY_BYTES + 10);
    client.send("{\"type\":\"push\",\"requestId\":\"big\",\"payload\":{\"pad\":\"" + pad + "\"}}");

    // Then
    await().atMost(WAIT).until(client::isClosed);
    assertThat(client.closeCode()).isEqualTo(SyncSocket.MESSAGE_TOO_BIG);
    assertThat(client.closeReason()).contains("limited to " + ApiHarness.MAX_BODY_BYTES);
    assertThat(client.ofType("error").get(0).at("/payload/code").asText())
        .isEqualTo("payload_too_large");
    assertThat(api.produced).isEmpty();
  }

  @Test
  void shouldCloseWithPolicyViolationWhenTheTokenExpires() throws Exception {
    // Given: a token the verifier still accepts (within the clock skew) for about one more second
    long skew = com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS;
    String expiring =
        Tokens.token(
            "acme",
            "sync:read",
            b ->
                b.expirationTime(
                    java.util.Date.from(
                        java.time.Instant.now().minusSeconds(skew).plusMillis(1_000))));

    // When
    client.auth(expiring);

    // Then
    await().atMost(WAIT).until(client::isClosed);
    assertThat(client.closeCode()).isEqualTo(SyncSocket.POLICY_VIOLATION);
    assertThat(client.closeReason()).contains("expired");
    assertThat(client.ofType("error")).isEmpty();
  }

  @Test
  void shouldCloseAClientThatReadsTooSlowly() throws Exception {
    // Given: live after a first pull, then the client stops reading
    client.auth(READER);
    client.send("{\"type\":\"pull\",\"requestId\":\"p1\"}");
    awaitFrame("pull_result", 1);
    await().atMost(WAIT).until(() -> api.registry.size() == 1);
    client.pause();

    // When: far more live changes arrive than the connection can buffer
    String pad = "x".repeat(2_000);
    long offset = 100;
    for (int batch = 0; batch < 2_000 && api.registry.size() > 0; batch++) {
      List<DocumentVersion> versions = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        offset++;
        DocumentVersion v = version("todos", "r" + offset, 0, offset);
        v.data().put("pad", pad);
        versions.add(v);
      }
      api.registry.publish(versions);
    }

    // Then: the server gives up on it (its close frame waits behind the unread data, so the
    // client may only see the connection drop)
    await().atMost(WAIT).until(() -> api.registry.size() == 0);
    client.resume();
    await().atMost(WAIT).until(client::isClosed);
    assertThat(client.closeCode()).isIn(SyncSocket.TRY_AGAIN_LATER, (short) 1006);
  }

  @Test
  void shouldStopReadingFramesWhileTooManyRequestsAreInFlight() throws Exception {
    // Given: a projector that never answers, so every push waits for its timeout
    ApiHarness silent = new ApiHarness(vertx, projector.endpoint(), 1_500, r -> null);
    try (SocketClient socket = new SocketClient(vertx, silent.port())) {
      socket.auth(WRITER);
      int sent = SyncSocket.MAX_IN_FLIGHT + 4;

      // When
      for (int i = 0; i < sent; i++) {
        socket.send(
            "{\"type\":\"push\",\"requestId\":"
                + i
                + ",\"payload\":{\"changes\":["
                + "{\"id\":\"c"
                + i
                + "\",\"collection\":\"todos\",\"recordId\":\"r\","
                + "\"type\":\"update\",\"data\":{}}]}}");
      }

      // Then: only the bound is taken in until answers go out, and every push is answered
      await().atMost(WAIT).until(() -> silent.produced.size() == SyncSocket.MAX_IN_FLIGHT);
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(1))
          .until(() -> silent.produced.size() == SyncSocket.MAX_IN_FLIGHT);
      await().atMost(WAIT).until(() -> socket.ofType("error").size() == sent);
      assertThat(socket.ofType("error"))
          .allMatch(f -> f.at("/payload/code").asText().equals("push_timeout"));
      assertThat(silent.produced).hasSize(sent);
    } finally {
      silent.close();
    }
  }

  @Test
  void shouldAnswer400ToAPlainGetOfTheSocketEndpoint() throws Exception {
    HttpResponse<String> response = api.get("/v1/sync/ws", READER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("bad_request");
  }
}
