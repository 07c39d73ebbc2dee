package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.cursor.CursorCodec;
import io.tributary.protocol.cursor.CursorParse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad requests get the PROTOCOL.md status and the error body {@code {"error":{"code","message"}}},
 * and write nothing: a later pull of the tenant is empty.
 */
class BadInputIT extends StackPerClass {

  private static final String COLLECTION = "todos";
  private static final int MAX_BODY = 64 * 1024;
  private static final int MAX_DOCUMENT = 1024;

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder
        .ingestSetting("http.max.body.bytes", Integer.toString(MAX_BODY))
        .ingestSetting("document.max.bytes", Integer.toString(MAX_DOCUMENT));
  }

  @Test
  void shouldAnswerBadRequestToMalformedJson() {
    // Given a tenant's valid token
    String tenant = TestIds.tenant();
    String token = stack.tokens().readWrite(tenant);
    byte[] broken = "{\"changes\": [{\"id\": ".getBytes(StandardCharsets.UTF_8);

    // When it pushes JSON that does not parse, in both dialects
    ApiResponse feed = stack.api().post("/v1/sync/push", token, Api.JSON, broken);
    ApiResponse rx = stack.api().post("/v1/rxdb/" + COLLECTION + "/push", token, Api.JSON, broken);

    // Then both answer 400 with an error body, and nothing is written
    assertError(feed, 400);
    assertError(rx, 400);
    assertNothingWritten(tenant);
  }

  @Test
  void shouldAnswerUnsupportedMediaTypeToNonJsonContentType() {
    // Given a valid push body
    String tenant = TestIds.tenant();
    String token = stack.tokens().readWrite(tenant);
    byte[] body = pushBody(change(TestIds.changeId(), "create", COLLECTION, "r1", doc("r1", "x")));

    // When it is sent as text/plain
    ApiResponse r = stack.api().post("/v1/sync/push", token, "text/plain", body);

    // Then 415, and nothing is written
    assertError(r, 415);
    assertNothingWritten(tenant);
  }

  @Test
  void shouldAnswerBadRequestToForgedOrTamperedCursor() {
    // Given a tenant with a real cursor
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    client.pushOk(change(TestIds.changeId(), "create", COLLECTION, "r1", doc("r1", "x")));
    String real = client.pullToEnd(null).cursor();
    char[] chars = real.toCharArray();
    int mid = chars.length / 2;
    chars[mid] = chars[mid] == 'A' ? 'B' : 'A';
    String tampered = new String(chars);

    // When it pulls with made-up and altered cursors
    ApiResponse forged = client.pull("Zm9yZ2VkLWN1cnNvci1mcm9tLXRoZS10ZXN0", 10);
    ApiResponse altered = client.pull(tampered, 10);
    ApiResponse garbage = client.pullByGet("not a cursor at all!", 10);
    ApiResponse rx = stack.rxdb(tenant, COLLECTION).pull(tampered, 10);

    // Then every one is a 400 with an error body
    assertError(forged, 400);
    assertError(altered, 400);
    assertError(garbage, 400);
    assertError(rx, 400);
  }

  @Test
  void shouldAnswerGoneWithTenantResetToCursorOfAnotherGeneration() {
    // Given a correctly signed cursor of the tenant, but of generation 1 (the server is at 0)
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    CursorCodec codec = new CursorCodec(stack.cursorSecret().getBytes(StandardCharsets.UTF_8));
    String otherGeneration = codec.encode(tenant, Cursor.of(1, Map.of(0, 0L)));
    assertThat(codec.decode(tenant, client.pullToEnd(null).cursor()))
        .as("the test signs cursors as the server does")
        .isInstanceOf(CursorParse.Valid.class);

    // When it pulls with it
    ApiResponse r = client.pull(otherGeneration, 10);

    // Then 410 tenant_reset: pull again from scratch
    assertError(r, 410);
    assertThat(r.errorCode()).isEqualTo("tenant_reset");
  }

  @Test
  void shouldAnswerPayloadTooLargeToOversizedBody() {
    // Given a push body larger than http.max.body.bytes
    String tenant = TestIds.tenant();
    String token = stack.tokens().readWrite(tenant);
    ObjectNode[] many = new ObjectNode[200];
    for (int i = 0; i < many.length; i++) {
      many[i] =
          change(TestIds.changeId(), "create", COLLECTION, "r" + i, doc("r" + i, "x".repeat(500)));
    }
    byte[] body = pushBody(many);
    assertThat(body.length).isGreaterThan(MAX_BODY);

    // When it is pushed
    ApiResponse r = stack.api().post("/v1/sync/push", token, Api.JSON, body);

    // Then 413, and nothing is written
    assertError(r, 413);
    assertNothingWritten(tenant);
  }

  @Test
  void shouldRefuseOversizedDocumentWithoutWritingIt() {
    // Given a document larger than document.max.bytes in a body within the body limit
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    String changeId = TestIds.changeId();
    ObjectNode big =
        change(changeId, "create", COLLECTION, "big", doc("big", "x".repeat(4 * MAX_DOCUMENT)));

    // When it is pushed
    ApiResponse r = client.push(big);

    // Then it is refused as too large: 413, or a per-item error when reported inside the batch
    if (r.status() == 200) {
      JsonNode error =
          PushAnswers.error(r.json(), changeId)
              .orElseThrow(() -> new AssertionError("not refused: " + r));
      assertThat(PushAnswers.listsNaming(r.json(), changeId)).isEqualTo(1);
      assertThat(error.path("code").asText()).as("%s", r).isNotBlank();
    } else {
      assertError(r, 413);
    }
    assertNothingWritten(tenant);
  }

  @Test
  void shouldReportBadRecordIdsPerItemAndApplyTheRestOfTheBatch() {
    // Given a batch with a control character id, a too long id, a bad collection and a good change
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    String control = TestIds.changeId();
    String tooLong = TestIds.changeId();
    String badCollection = TestIds.changeId();
    String good = TestIds.changeId();
    String longId = "x".repeat(300);

    // When it is pushed
    JsonNode answer =
        client.pushOk(
            change(control, "create", COLLECTION, "bad\u0001id", doc("bad\u0001id", "x")),
            change(tooLong, "create", COLLECTION, longId, doc(longId, "x")),
            change(badCollection, "create", "Not A Collection!", "r2", doc("r2", "x")),
            change(good, "create", COLLECTION, "r1", doc("r1", "ok")));

    // Then each bad change is an error of its own, the good one is accepted, and only it is written
    for (String bad : List.of(control, tooLong, badCollection)) {
      assertThat(PushAnswers.error(answer, bad)).as("error for %s in %s", bad, answer).isPresent();
      assertThat(PushAnswers.error(answer, bad).orElseThrow().path("code").asText()).isNotBlank();
      assertThat(PushAnswers.listsNaming(answer, bad)).isEqualTo(1);
    }
    assertThat(PushAnswers.accepted(answer, good)).as("%s", answer).isPresent();
    assertThat(client.pullToEnd(null).latestByRecord()).containsOnlyKeys("r1");
  }

  @Test
  void shouldAnswerNotFoundToUnknownRoute() {
    // Given a valid token
    String token = stack.tokens().readWrite(TestIds.tenant());

    // When it calls routes that do not exist
    ApiResponse get = stack.api().get("/v1/no-such-thing", token);
    ApiResponse post = stack.api().postJson("/v1/sync/no-such-thing", token, Map.of());

    // Then 404 with an error body
    assertError(get, 404);
    assertError(post, 404);
  }

  @Test
  void shouldAnswerUnauthorizedToMissingExpiredForgedUnsignedOrTenantlessTokens() {
    // Given a push any of these tokens might try
    String tenant = TestIds.tenant();
    TestTokens tokens = stack.tokens();
    Map<String, String> bad =
        new LinkedHashMap<>(
            Map.of(
                "expired", tokens.expired(tenant),
                "forged", tokens.forged(tenant),
                "alg none", tokens.unsigned(tenant),
                "no tid", tokens.withoutTenant(),
                "garbage", "not-a-jwt"));
    byte[] body = pushBody(change(TestIds.changeId(), "create", COLLECTION, "r1", doc("r1", "x")));

    // When each pushes and pulls, and one pushes with no token at all
    ApiResponse missing = stack.api().post("/v1/sync/push", null, Api.JSON, body);
    assertError(missing, 401);
    assertError(stack.api().get("/v1/sync/pull", null), 401);
    bad.forEach(
        (what, token) -> {
          ApiResponse push = stack.api().post("/v1/sync/push", token, Api.JSON, body);
          ApiResponse rxPush =
              stack
                  .api()
                  .postJson(
                      "/v1/rxdb/" + COLLECTION + "/push",
                      token,
                      List.of(row(null, doc("r2", "x"))));
          ApiResponse pull = stack.api().get("/v1/sync/pull", token);

          // Then every answer is 401 with an error body
          assertThat(push.status()).as("%s token push: %s", what, push).isEqualTo(401);
          assertError(push, 401);
          assertError(rxPush, 401);
          assertError(pull, 401);
        });
    // and a stream refuses the bad tokens before it starts
    try (SseStream stream =
        SseStream.open(stack.api().uri("/v1/sync/stream"), tokens.forged(tenant))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> stream.statusOrNull() != null);
      assertThat(stream.statusOrNull()).isEqualTo(401);
    }
    // and nothing was written
    assertNothingWritten(tenant);
  }

  @Test
  void shouldAnswerForbiddenWithoutWriteScopeOrCollection() {
    // Given a read-only token, and a token limited to another collection
    String tenant = TestIds.tenant();
    String readOnly = stack.tokens().token(tenant, "sync:read", null, Duration.ofHours(1));
    String otherCollection =
        stack
            .tokens()
            .token(tenant, TestTokens.READ_WRITE, List.of("elsewhere"), Duration.ofHours(1));
    byte[] body = pushBody(change(TestIds.changeId(), "create", COLLECTION, "r1", doc("r1", "x")));

    // When they push
    ApiResponse noScope = stack.api().post("/v1/sync/push", readOnly, Api.JSON, body);
    ApiResponse noCollection =
        stack
            .api()
            .postJson(
                "/v1/rxdb/" + COLLECTION + "/push",
                otherCollection,
                List.of(row(null, doc("r1", "x"))));

    // Then 403 with an error body, and nothing is written
    assertError(noScope, 403);
    assertError(noCollection, 403);
    assertNothingWritten(tenant);
    // while the read-only token still reads
    assertThat(stack.api().get("/v1/sync/pull", readOnly).status()).isEqualTo(200);
  }

  @Test
  void shouldAnswerUpgradeRequiredToProtocolVersionBelowSupported() {
    // Given a client that says it speaks protocol version 0
    String tenant = TestIds.tenant();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("changes")
        .add(change(TestIds.changeId(), "create", COLLECTION, "r1", doc("r1", "x")));

    // When it pushes
    ApiResponse r =
        stack
            .api()
            .postJsonWithHeaders(
                "/v1/sync/push",
                stack.tokens().readWrite(tenant),
                body,
                Map.of("Tributary-Protocol", "0"));

    // Then 426 with an error body, and nothing is written
    assertError(r, 426);
    assertNothingWritten(tenant);
  }

  private static byte[] pushBody(ObjectNode... changes) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("changes").addAll(List.of(changes));
    return Api.toJson(body);
  }

  private static void assertError(ApiResponse r, int status) {
    assertThat(r.status()).as("status of %s", r).isEqualTo(status);
    JsonNode error = r.json().path("error");
    assertThat(error.path("code").asText()).as("error.code of %s", r).matches("[a-z][a-z0-9_]*");
    assertThat(error.path("message").asText()).as("error.message of %s", r).isNotBlank();
    assertThat(r.body())
        .as("no stack trace in %s", r)
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  /** The tenant's pull stays empty for a while: a write that slipped through would show up. */
  private void assertNothingWritten(String tenant) {
    ChangeFeedClient client = stack.changeFeed(tenant);
    await("nothing written for " + tenant)
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(5))
        .until(() -> client.pullToEnd(null).changes().isEmpty());
  }
}
