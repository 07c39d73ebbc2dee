package io.tributary.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.FakeProjector;
import io.tributary.ingest.ScanFixtures;
import io.tributary.ingest.Tokens;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Revisions;
import io.vertx.core.Vertx;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveStreamTest {

  private static final String READER = Tokens.token("acme", "sync:read");

  private Vertx vertx;
  private FakeProjector projector;
  private ApiHarness api;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private Stream<String> stream;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    projector = new FakeProjector(vertx, 2, ScanFixtures::twoPartitions);
    api = new ApiHarness(vertx, projector.endpoint(), 1000, r -> null);
  }

  @AfterEach
  void stop() throws Exception {
    if (stream != null) {
      stream.close();
    }
    api.close();
    projector.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private HttpResponse<Stream<String>> connect(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(api.uri(path))
            .header("Authorization", "Bearer " + READER)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<Stream<String>> response =
        api.client().send(request, HttpResponse.BodyHandlers.ofLines());
    stream = response.body();
    Stream<String> body = stream;
    Thread reader =
        new Thread(
            () -> {
              try {
                body.forEach(lines::add);
              } catch (java.io.UncheckedIOException e) {
                // The test closed the stream: this ends the reader, as intended.
                lines.add("#closed");
              }
            },
            "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
    return response;
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

  private List<String> data() {
    return lines.stream().filter(l -> l.startsWith("data: ")).toList();
  }

  @Test
  void shouldCatchUpThenForwardOnlyVersionsAboveTheCursor() throws Exception {
    // Given: connected and caught up (r1, r2 up to watermark 9 of partition 0)
    HttpResponse<Stream<String>> response = connect("/v1/sync/stream?collections=todos");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    await().atMost(Duration.ofSeconds(10)).until(() -> data().size() == 1);
    assertThat(lines).contains("event: changes");
    assertThat(data().get(0)).contains("\"recordId\":\"r1\"").contains("\"recordId\":\"r2\"");
    await().until(() -> api.registry.size() == 1);

    // When: the tail sees an old version, a new one, and one of another collection
    api.registry.publish(
        List.of(
            version("todos", "r1", 0, 8),
            version("todos", "r3", 0, 12),
            version("notes", "n1", 1, 5)));

    // Then: only the new one arrives
    await().atMost(Duration.ofSeconds(10)).until(() -> data().size() == 2);
    assertThat(data().get(1))
        .contains("\"recordId\":\"r3\"")
        .doesNotContain("\"recordId\":\"r1\"")
        .doesNotContain("n1");
  }

  @Test
  void shouldSendResyncFirstAndGoLiveFromTheWatermarksOnRxdbStreamWithoutCursor() throws Exception {
    // Given
    connect("/v1/rxdb/todos/pullStream");
    await().atMost(Duration.ofSeconds(10)).until(() -> data().size() == 1);
    assertThat(data().get(0)).isEqualTo("data: \"RESYNC\"");
    assertThat(projector.scans.get(0).limit()).isZero();
    await().until(() -> api.registry.size() == 1);

    // When
    api.registry.publish(List.of(version("todos", "old", 0, 2), version("todos", "new", 0, 10)));

    // Then
    await().atMost(Duration.ofSeconds(10)).until(() -> data().size() == 2);
    assertThat(data().get(1))
        .contains("\"documents\":[{\"id\":\"new\",\"_deleted\":false}]")
        .contains("\"checkpoint\":{\"cursor\":");
  }

  @Test
  void shouldEndWithResyncWhenTooManyLiveVersionsArriveDuringCatchUp() throws Exception {
    // Given: the catch-up scan is slow, so live versions buffer
    projector.delayScans(1_500);
    HttpRequest request =
        HttpRequest.newBuilder(api.uri("/v1/sync/stream"))
            .header("Authorization", "Bearer " + READER)
            .GET()
            .build();
    var pending = api.client().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.registry.size() == 1);

    // When
    List<DocumentVersion> flood = new java.util.ArrayList<>();
    for (int i = 0; i <= LiveStream.BUFFER_LIMIT; i++) {
      flood.add(version("todos", "f" + i, 1, 100 + i));
    }
    api.registry.publish(flood);

    // Then: the stream says resync and ends
    HttpResponse<String> response = pending.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.body()).contains("event: resync\ndata: {}\n\n");
    assertThat(response.body()).doesNotContain("f0");
    assertThat(api.registry.size()).isZero();
  }

  @Test
  void shouldSendHeartbeatCommentsWhileIdle() throws Exception {
    connect("/v1/sync/stream");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.stream().filter(l -> l.equals(": heartbeat")).count() >= 2);
  }

  @Test
  void shouldUnregisterTheSubscriberWhenTheClientDisconnects() throws Exception {
    // Given
    connect("/v1/sync/stream");
    await().atMost(Duration.ofSeconds(10)).until(() -> api.registry.size() == 1);

    // When
    stream.close();
    stream = null;

    // Then
    await().atMost(Duration.ofSeconds(10)).until(() -> api.registry.size() == 0);
  }

  @Test
  void shouldAnswerJsonErrorBeforeStreamingWhenTheCursorIsInvalid() throws Exception {
    HttpResponse<String> response = api.get("/v1/sync/stream?cursor=garbage", READER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(api.registry.size()).isZero();
  }
}
