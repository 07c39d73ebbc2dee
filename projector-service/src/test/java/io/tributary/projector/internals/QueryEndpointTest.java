package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.query.PartitionOwners;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.ScanResponse;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The internal HTTP API over a fake set of partition stores: this instance owns partition 0. */
class QueryEndpointTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private QueryEndpoint endpoint;
  private FakeStores stores;

  @BeforeEach
  void setUp() {
    KeyValueStore<Bytes, byte[]> raw = InMemoryState.standalone();
    ChangeApplier applier = new ChangeApplier(PolicyRegistry.uniform(new LastWriterWins()));
    StateStoreView view = StateStoreView.writable(raw);
    applier.apply(view, Changes.write("t1", "todos", "a", "c1").build(), 0, 0);
    applier.apply(view, Changes.write("t2", "todos", "b", "c2").build(), 0, 1);
    stores = new FakeStores(raw);
    vertx = Vertx.vertx();
    endpoint = QueryEndpoint.bind(vertx, "127.0.0.1", 0, stores, () -> "tributary_test 1\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    endpoint.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void shouldServeTheMetricsTextAsPlainText() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(response.body()).isEqualTo("tributary_test 1\n");
  }

  @Test
  void shouldScanTheOwnedPartitionAndLeaveOutOthers() throws Exception {
    // When tenant t1 asks for partitions 0 and 1
    HttpResponse<String> response =
        post(
            "/internal/v1/scan",
            Json.mapper()
                .writeValueAsString(new ScanRequest("t1", null, Map.of(0, -1L, 1, -1L), 10)));

    // Then only partition 0 is answered, with t1's document and the watermark
    assertThat(response.statusCode()).isEqualTo(200);
    ScanResponse scan = Json.mapper().readValue(response.body(), ScanResponse.class);
    assertThat(scan.partitions()).containsOnlyKeys(0);
    assertThat(scan.partitions().get(0).versions())
        .extracting(DocumentVersion::id)
        .containsExactly("a");
    assertThat(scan.partitions().get(0).watermark()).isEqualTo(1);
    assertThat(scan.partitions().get(0).exhausted()).isTrue();
  }

  @Test
  void shouldAnswerBadRequestWithAJsonErrorWhenTheBodyIsMalformed() throws Exception {
    HttpResponse<String> notJson = post("/internal/v1/scan", "{nope");
    HttpResponse<String> noTenant = post("/internal/v1/scan", "{\"after\":{\"0\":-1},\"limit\":5}");
    HttpResponse<String> negativeLimit =
        post("/internal/v1/scan", "{\"tenant\":\"t1\",\"after\":{\"0\":-1},\"limit\":-1}");

    HttpResponse<String> badCollection =
        post(
            "/internal/v1/scan",
            "{\"tenant\":\"t1\",\"collections\":[\"x\\u0000y\"],\"after\":{\"0\":-1},\"limit\":5}");

    for (HttpResponse<String> response : List.of(notJson, noTenant, negativeLimit, badCollection)) {
      assertThat(response.statusCode()).isEqualTo(400);
      JsonNode body = Json.mapper().readTree(response.body());
      assertThat(body.at("/error/code").asText()).isEqualTo("malformed_request");
    }
    assertThat(Json.mapper().readTree(noTenant.body()).at("/error/message").asText())
        .contains("tenant");
  }

  @Test
  void shouldAnswerOwnersWhenRunningAndServiceUnavailableOtherwise() throws Exception {
    // Given a running instance
    HttpResponse<String> running = get("/internal/v1/owners");
    assertThat(running.statusCode()).isEqualTo(200);
    assertThat(Json.mapper().readValue(running.body(), PartitionOwners.class).owners())
        .containsEntry(0, "127.0.0.1:1234");

    // When Streams stops running
    stores.running = false;

    // Then owners and readiness answer 503 with Retry-After, liveness stays 200
    HttpResponse<String> stopped = get("/internal/v1/owners");
    assertThat(stopped.statusCode()).isEqualTo(503);
    assertThat(stopped.headers().firstValue("retry-after")).isPresent();
    assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerReadyWhenRunning() throws Exception {
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownRoute() throws Exception {
    HttpResponse<String> response = get("/internal/v1/nothing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Json.mapper().readTree(response.body()).at("/error/code").asText())
        .isEqualTo("not_found");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + endpoint.port() + path);
  }

  /** Owns partition 0 only. */
  private static final class FakeStores implements PartitionStores {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> partition0;
    volatile boolean running = true;

    FakeStores(ReadOnlyKeyValueStore<Bytes, byte[]> partition0) {
      this.partition0 = partition0;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public Optional<ReadOnlyKeyValueStore<Bytes, byte[]>> activeStore(int partition) {
      return running && partition == 0 ? Optional.of(partition0) : Optional.empty();
    }

    @Override
    public Optional<PartitionOwners> owners() {
      return running
          ? Optional.of(new PartitionOwners(2, Map.of(0, "127.0.0.1:1234")))
          : Optional.empty();
    }
  }
}
