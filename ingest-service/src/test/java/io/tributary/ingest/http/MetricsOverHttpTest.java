package io.tributary.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.FakeProjector;
import io.tributary.ingest.ScanFixtures;
import io.tributary.ingest.Tokens;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The push and pull meters move when requests are answered over the real router. */
class MetricsOverHttpTest {

  private static final String TOKEN = Tokens.token("acme", "sync:read sync:write");

  private Vertx vertx;
  private FakeProjector projector;
  private ApiHarness api;
  private ApiHarness slowApi;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    projector = new FakeProjector(vertx, 2, ScanFixtures::twoPartitions);
    api = new ApiHarness(vertx, projector.endpoint(), 5_000, HttpApiTest::projector);
    slowApi = new ApiHarness(vertx, projector.endpoint(), 200, r -> null);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    slowApi.close();
    projector.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static String change(String id, String recordId) {
    return "{\"id\":\""
        + id
        + "\",\"collection\":\"todos\",\"recordId\":\""
        + recordId
        + "\",\"type\":\"create\",\"data\":{}}";
  }

  /** The count of a counter or timer, 0 when it does not exist (yet). */
  private static double count(MeterRegistry meters, String name, String... tags) {
    Search search = meters.find(name).tags(tags);
    Counter counter = search.counter();
    if (counter != null) {
      return counter.count();
    }
    Timer timer = search.timer();
    return timer == null ? 0 : timer.count();
  }

  /**
   * Request meters are recorded when the answer has ended, which may be after the client has it.
   */
  private static void assertCount(
      MeterRegistry meters, double expected, String name, String... tags) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(count(meters, name, tags)).isEqualTo(expected));
  }

  @Test
  void shouldCountAcceptedAndConflictingChangesOfAPushAndTimeItsAnswer() throws Exception {
    // When: one push of an accepted and a conflicting change
    HttpResponse<String> response =
        api.postJson(
            "/v1/sync/push",
            TOKEN,
            "{\"changes\":[" + change("c1", "r1") + "," + change("c2", "conflict") + "]}");

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    MeterRegistry meters = api.meters;
    assertCount(meters, 1, "tributary_pushed_changes", "dialect", "sync", "outcome", "accepted");
    assertCount(meters, 1, "tributary_pushed_changes", "dialect", "sync", "outcome", "conflict");
    assertCount(meters, 1, "tributary_push_requests", "dialect", "sync", "status", "200");
    assertCount(meters, 1, "tributary_push_latency", "dialect", "sync");
    assertCount(meters, 1, "tributary_push_outcome_wait");
    assertCount(meters, 0, "tributary_push_timeouts");
  }

  @Test
  void shouldCountAnRxdbConflictUnderItsDialect() throws Exception {
    String rows =
        "[{\"assumedMasterState\":{\"id\":\"conflict\",\"title\":\"old\"},"
            + "\"newDocumentState\":{\"id\":\"conflict\",\"title\":\"mine\"}}]";

    assertThat(api.postJson("/v1/rxdb/todos/push", TOKEN, rows).statusCode()).isEqualTo(200);

    assertCount(
        api.meters, 1, "tributary_pushed_changes", "dialect", "rxdb", "outcome", "conflict");
    assertCount(api.meters, 1, "tributary_push_requests", "dialect", "rxdb", "status", "200");
  }

  @Test
  void shouldCountATimedOutPushAsTimeoutAndError() throws Exception {
    HttpResponse<String> response =
        slowApi.postJson("/v1/sync/push", TOKEN, "{\"changes\":[" + change("c1", "r1") + "]}");

    assertThat(response.statusCode()).isEqualTo(504);
    assertCount(slowApi.meters, 1, "tributary_push_timeouts");
    assertCount(
        slowApi.meters, 1, "tributary_pushed_changes", "dialect", "sync", "outcome", "error");
    assertCount(slowApi.meters, 1, "tributary_push_requests", "dialect", "sync", "status", "504");
  }

  @Test
  void shouldTimePullsAndCountTheDocumentsServed() throws Exception {
    // When: a dialect A pull and an RxDB pull, both served by the fake projector
    HttpResponse<String> sync = api.get("/v1/sync/pull?collections=todos", TOKEN);
    HttpResponse<String> rxdb = api.get("/v1/rxdb/todos/pull", TOKEN);

    // Then
    assertThat(sync.statusCode()).isEqualTo(200);
    assertThat(rxdb.statusCode()).isEqualTo(200);
    assertCount(api.meters, 1, "tributary_pull_latency", "dialect", "sync");
    assertCount(api.meters, 1, "tributary_pull_latency", "dialect", "rxdb");
    assertThat(count(api.meters, "tributary_pull_documents", "dialect", "sync")).isPositive();
    assertThat(count(api.meters, "tributary_pull_documents", "dialect", "rxdb")).isPositive();
  }

  @Test
  void shouldServeMetricsWithoutAToken() throws Exception {
    HttpResponse<String> response = api.get("/metrics", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
  }
}
