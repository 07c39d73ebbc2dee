package io.tributary.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Input fuzzing of every public endpoint (issue 6): generated bodies, headers, tokens, cursors,
 * ids, collection names and WebSocket frames against the real router and handlers. Each property
 * says: every answer has a status PROTOCOL.md lists, with the JSON error body for errors; never a
 * 500; never a hang (every request has a {@value #TIMEOUT_MS} ms limit, and reaching it fails the
 * property); nothing of a refused request or item is written. Short mode (200 tries per endpoint,
 * {@code jqwik.tries.default} in junit-platform.properties) runs in the test command; {@code
 * -Dfuzz.long=true} (the {@code fuzz-long} profile) runs 10,000 per endpoint. A failure prints
 * jqwik's seed and the shrunk sample.
 */
class EndpointFuzzTest {

  static final int TIMEOUT_MS = 5_000;

  /** The longest a socket may stay silent while frames wait for an answer or the close. */
  static final long SILENCE_LIMIT_MS = 2_000;

  /** How long the socket loop waits for a frame before it looks at the connection again. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** Vert.x's default {@code maxInitialLineLength}: longer request lines get 414. */
  static final int TRANSPORT_MAX_REQUEST_LINE = 4096;

  private static FuzzServer server;
  private static RawHttp http;
  private static java.net.http.HttpClient sockets;

  @BeforeContainer
  static void start() throws Exception {
    server = new FuzzServer();
    http = new RawHttp(server.api.port(), TIMEOUT_MS);
    sockets = java.net.http.HttpClient.newHttpClient();
  }

  @AfterContainer
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  // ---- dialect A

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void syncPushAnswersEveryBodyByProtocol(
      @ForAll("syncPushBodies") byte[] body, @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("POST", "/v1/sync/push", headers, body);
    Checks.writtenOnlyWhatWasAccepted(
        a.written, a.response.status(), a.json(), headers.authorization());
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void syncPullByPostAnswersEveryBodyByProtocol(
      @ForAll("pullBodies") byte[] body, @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("POST", "/v1/sync/pull", headers, body);
    Checks.nothingWritten(a.written);
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void syncPullByGetAnswersEveryQueryByProtocol(
      @ForAll("syncQueries") String query, @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("GET", "/v1/sync/pull" + query, headers, null);
    Checks.nothingWritten(a.written);
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void syncStreamAnswersEveryQueryByProtocol(
      @ForAll("syncQueries") String query, @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("GET", "/v1/sync/stream" + query, headers, null);
    Checks.nothingWritten(a.written);
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void probeAnswers200WhateverTheHeaders(@ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("HEAD", "/v1/sync", headers, null);
    assertThat(a.response.status()).isEqualTo(200);
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void healthAnswersWhateverTheHeadersAndQuery(
      @ForAll("healthTargets") String target, @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("GET", target, headers, null);
    assertThat(a.response.status()).isEqualTo(200);
  }

  /**
   * A connection gets an auth frame then up to three more frames. Every frame is answered (a
   * successful auth excepted), or the connection is closed with 1008 / 1009 after an error frame;
   * every frame the server sends is JSON of a known type; errors carry a code that is not {@code
   * internal}; the connection is never closed with 1011.
   */
  @Property(shrinking = ShrinkingMode.BOUNDED)
  void socketAnswersEveryFrameByProtocol(
      @ForAll("authFrames") FrameInputs.Frame auth,
      @ForAll("socketFrames") List<FrameInputs.Frame> more)
      throws Exception {
    List<FrameInputs.Frame> frames = new ArrayList<>();
    frames.add(auth);
    frames.addAll(more);
    int before = server.api.produced.size();
    List<JsonNode> answers = new ArrayList<>();
    Integer closeCode;
    try (FuzzSocket ws = new FuzzSocket(sockets, server.api.port(), TIMEOUT_MS)) {
      ws.send(frames, TIMEOUT_MS);
      long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
      long lastHeard = System.nanoTime();
      while (!ws.closed.isDone() && answered(answers) < frames.size() - 1) {
        long left = deadline - System.nanoTime();
        assertThat(left).as("hang: frames answered %s of %s", answers, frames).isPositive();
        // Answers come in milliseconds here; so does the close frame after a refused auth (one
        // error frame, then the close). Silence while frames wait is a late answer or close.
        assertThat(System.nanoTime() - lastHeard)
            .as("silent for %d ms: answered %s of %s", SILENCE_LIMIT_MS, answers, frames)
            .isLessThan(SILENCE_LIMIT_MS * 1_000_000L);
        String text = ws.received.poll(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
        if (text != null) {
          answers.add(frame(text));
          lastHeard = System.nanoTime();
        }
      }
      for (String text = ws.received.poll(); text != null; text = ws.received.poll()) {
        answers.add(frame(text));
      }
      closeCode = ws.closed.getNow(null);
    }
    if (closeCode != null) {
      assertThat(closeCode).as("close code").isIn(1008, 1009);
      if (closeCode == 1009) {
        // After auth, pushes read before the oversized frame may still be on their way: let them
        // land here, not in the next try. (1008 closes come before auth: nothing is pushed.)
        settle();
      }
    }
    List<ChangeRecord> written =
        List.copyOf(server.api.produced.subList(before, server.api.produced.size()));
    assertThat(written)
        .as("changes written over one connection are of one tenant, a token's")
        .allSatisfy(r -> assertThat(r.tenant()).isIn(AuthInputs.TENANT, AuthInputs.OTHER_TENANT))
        .allSatisfy(r -> assertThat(r.tenant()).isEqualTo(written.get(0).tenant()));
    if (closeCode != null) {
      // A push whose answer was cut off by the close is a lost answer (safe to retry with the
      // same change id), but only a change that was sent can have been written.
      String sent =
          String.join(
              "\n",
              frames.stream().map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).toList());
      written.forEach(r -> assertThat(sent).as("frames sent").contains(r.changeId()));
      return;
    }
    var accepted = Json.mapper().createArrayNode();
    var conflicts = Json.mapper().createArrayNode();
    for (JsonNode f : answers) {
      if (f.path("type").asText().equals("push_result")) {
        accepted.addAll(
            (com.fasterxml.jackson.databind.node.ArrayNode) f.path("payload").path("accepted"));
        conflicts.addAll(
            (com.fasterxml.jackson.databind.node.ArrayNode) f.path("payload").path("conflicts"));
      }
    }
    JsonNode pushes =
        Json.mapper()
            .createObjectNode()
            .<com.fasterxml.jackson.databind.node.ObjectNode>set("accepted", accepted)
            .set("conflicts", conflicts);
    Checks.writtenOnlyWhatWasAccepted(written, 200, pushes, null);
  }

  /** Waits until no push waits for an outcome (after 100 ms for frames still being read). */
  private static void settle() {
    org.awaitility.Awaitility.await("pushes still waiting for outcomes after the socket closed")
        .pollDelay(java.time.Duration.ofMillis(100))
        .atMost(java.time.Duration.ofMillis(TIMEOUT_MS))
        .until(() -> server.api.pending.size() == 0);
  }

  // ---- dialect B

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void rxdbPushAnswersEveryBodyByProtocol(
      @ForAll("collectionSegments") String collection,
      @ForAll("rxdbBodies") byte[] body,
      @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("POST", "/v1/rxdb/" + collection + "/push", headers, body);
    Checks.writtenOnlyWhatWasAccepted(
        a.written, a.response.status(), null, headers.authorization());
    if (a.response.status() == 200) {
      JsonNode rows = Json.mapper().readTree(body);
      String errors = a.response.header("tributary-errors");
      int refused = errors == null ? 0 : Json.mapper().readTree(errors).size();
      assertThat(a.json().isArray()).as("answer is an array").isTrue();
      assertThat(Checks.versions(a.written).size())
          .as("rows written, at most the rows not refused in Tributary-Errors %s", errors)
          .isLessThanOrEqualTo(rows.size() - refused);
    }
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void rxdbPullAnswersEveryQueryByProtocol(
      @ForAll("collectionSegments") String collection,
      @ForAll("rxdbQueries") String query,
      @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("GET", "/v1/rxdb/" + collection + "/pull" + query, headers, null);
    Checks.nothingWritten(a.written);
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void rxdbPullStreamAnswersEveryQueryByProtocol(
      @ForAll("collectionSegments") String collection,
      @ForAll("rxdbQueries") String query,
      @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("GET", "/v1/rxdb/" + collection + "/pullStream" + query, headers, null);
    Checks.nothingWritten(a.written);
  }

  // ---- admin

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void adminEvictAnswersByProtocol(
      @ForAll("anyBodies") byte[] body, @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("POST", "/v1/admin/evict", headers, body);
    Checks.nothingWritten(a.written);
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void adminStatsAnswersByProtocol(
      @ForAll("syncQueries") String query, @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("GET", "/v1/admin/stats" + query, headers, null);
    Checks.nothingWritten(a.written);
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void adminHistoryAnswersByProtocol(
      @ForAll("historyQueries") String query, @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    Answer a = call("GET", "/v1/admin/history" + query, headers, null);
    Checks.nothingWritten(a.written);
  }

  // ---- generators

  @Provide
  Arbitrary<RequestInputs.Headers> headers() {
    return RequestInputs.headers();
  }

  @Provide
  Arbitrary<byte[]> syncPushBodies() {
    return JsonInputs.mutated(BodyInputs.syncPushBody());
  }

  @Provide
  Arbitrary<byte[]> pullBodies() {
    return JsonInputs.mutated(BodyInputs.pullBody());
  }

  @Provide
  Arbitrary<byte[]> rxdbBodies() {
    return JsonInputs.mutated(BodyInputs.rxdbRows());
  }

  @Provide
  Arbitrary<byte[]> anyBodies() {
    return Arbitraries.oneOf(
        Arbitraries.just(new byte[0]),
        JsonInputs.mutated(JsonInputs.json(2)),
        JsonInputs.mutated(BodyInputs.pullBody()));
  }

  @Provide
  Arbitrary<String> collectionSegments() {
    return IdInputs.collectionSegment();
  }

  @Provide
  Arbitrary<String> syncQueries() {
    Arbitrary<String> collections =
        IdInputs.collectionName().list().ofMaxSize(3).map(l -> String.join(",", l));
    return Combinators.combine(
            RequestInputs.param("cursor", IdInputs.cursor()),
            RequestInputs.param("collections", collections),
            RequestInputs.param("batchSize", BodyInputs.batchSize()),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(7, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(1, RequestInputs.param("cursor", IdInputs.cursor()))))
        .as((a, b, c, again) -> RequestInputs.query(List.of(a, b, c, again)));
  }

  @Provide
  Arbitrary<String> rxdbQueries() {
    return Combinators.combine(
            RequestInputs.param("cursor", IdInputs.cursor()),
            RequestInputs.param("limit", BodyInputs.batchSize()))
        .as((a, b) -> RequestInputs.query(List.of(a, b)));
  }

  @Provide
  Arbitrary<String> historyQueries() {
    return Combinators.combine(
            RequestInputs.param("collection", IdInputs.collectionName()),
            RequestInputs.param("id", IdInputs.recordId()),
            RequestInputs.param("limit", BodyInputs.batchSize()))
        .as((a, b, c) -> RequestInputs.query(List.of(a, b, c)));
  }

  @Provide
  Arbitrary<String> healthTargets() {
    return Combinators.combine(
            Arbitraries.of("/health/live", "/health/ready"),
            RequestInputs.param("x", JsonInputs.nastyString()))
        .as((path, q) -> path + RequestInputs.query(List.of(q)));
  }

  @Provide
  Arbitrary<FrameInputs.Frame> authFrames() {
    return FrameInputs.authFrame();
  }

  @Provide
  Arbitrary<List<FrameInputs.Frame>> socketFrames() {
    return FrameInputs.socketFrame().list().ofMaxSize(3);
  }

  // ---- plumbing

  /** An answer and the changes written while it was worked on. */
  private record Answer(RawHttp.Response response, List<ChangeRecord> written) {
    JsonNode json() throws Exception {
      return Json.mapper().readTree(response.body());
    }
  }

  /** Sends a request, fails on a hang, checks the protocol answer. */
  private static Answer call(
      String method, String target, RequestInputs.Headers headers, byte[] body) throws Exception {
    int before = server.api.produced.size();
    RawHttp.Response response;
    try {
      response =
          http.send(
              method, target.getBytes(StandardCharsets.UTF_8), headers.lines(body != null), body);
    } catch (RawHttp.Hang e) {
      throw new AssertionError("hang: " + method + " " + target + ": " + e.getMessage(), e);
    }
    int requestLine = (method + " " + target + " HTTP/1.1").getBytes(StandardCharsets.UTF_8).length;
    if (response.status() == 414) {
      // The HTTP codec refuses it before the router sees it (InvalidRequests answers).
      assertThat(requestLine).as("request line of a 414").isGreaterThan(TRANSPORT_MAX_REQUEST_LINE);
    }
    Checks.protocolAnswer(response, method.equals("HEAD"));
    return new Answer(
        response, List.copyOf(server.api.produced.subList(before, server.api.produced.size())));
  }

  private static final Set<String> SERVER_FRAME_TYPES =
      Set.of("error", "push_result", "pull_result", "server_push");

  private static JsonNode frame(String text) throws Exception {
    JsonNode f = Json.mapper().readTree(text);
    assertThat(f.path("type").asText()).as("frame type of %s", text).isIn(SERVER_FRAME_TYPES);
    if (f.path("type").asText().equals("error")) {
      Checks.errorBody(f.path("payload"));
    }
    return f;
  }

  private static int answered(List<JsonNode> frames) {
    return (int)
        frames.stream().filter(f -> !f.path("type").asText().equals("server_push")).count();
  }
}
