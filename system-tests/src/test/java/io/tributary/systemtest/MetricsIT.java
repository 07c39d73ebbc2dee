package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Under load (pushes with a conflict, pulls, a live subscriber), {@code GET /metrics} of an ingest
 * instance and of a projector parse as Prometheus text with a real parser, and every Tributary
 * meter is there and has moved.
 */
class MetricsIT extends StackPerClass {

  private static final String CAS = "tasks";
  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.policy(CAS, "client-resolves");
  }

  private String scrape(URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    return response.body();
  }

  private Map<String, JsonNode> ingestMetrics() throws Exception {
    return PrometheusText.parse(scrape(stack.api().uri("/metrics")));
  }

  private Map<String, JsonNode> projectorMetrics() throws Exception {
    return PrometheusText.parse(
        scrape(URI.create("http://" + stack.projector(0).queryEndpoint() + "/metrics")));
  }

  @Test
  void shouldExposeEveryMeterInParseablePrometheusTextOnceLoadWasApplied() throws Exception {
    // Given a live subscriber of a tenant
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    try (SseStream stream = client.stream(null)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> stream.statusOrNull() != null);
      assertThat(stream.statusOrNull()).isEqualTo(200);

      // When it pushes a create, an edit and a stale edit (a conflict), and pulls both ways
      String create = TestIds.changeId();
      String rev1 =
          PushAnswers.rev(
              client.pushOk(change(create, "create", CAS, "r1", doc("r1", "first"))), create);
      client.pushOk(
          change(TestIds.changeId(), "update", CAS, "r1", doc("r1", "second"))
              .put("baseRev", rev1));
      JsonNode stale =
          client.pushOk(
              change(TestIds.changeId(), "update", CAS, "r1", doc("r1", "stale"))
                  .put("baseRev", rev1));
      assertThat(stale.toString()).contains("remoteRev");
      assertThat(client.pullToEnd(null).changes()).isNotEmpty();
      stack.rxdb(tenant, CAS).pullToEnd(null, 100);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> stream.events().stream().anyMatch(e -> e.event().equals("changes")));

      // Then the ingest's metrics parse and every meter of the README is there and moved
      Map<String, JsonNode> ingest = ingestMetrics();
      assertMoved(
          ingest, "tributary_push_requests_total", Map.of("dialect", "sync", "status", "200"));
      assertMoved(
          ingest,
          "tributary_pushed_changes_total",
          Map.of("dialect", "sync", "outcome", "accepted"));
      assertMoved(
          ingest,
          "tributary_pushed_changes_total",
          Map.of("dialect", "sync", "outcome", "conflict"));
      assertObserved(ingest, "tributary_push_latency_seconds");
      assertObserved(ingest, "tributary_push_outcome_wait_seconds");
      assertPresent(ingest, "tributary_push_timeouts_total");
      assertObserved(ingest, "tributary_pull_latency_seconds");
      assertMoved(ingest, "tributary_pull_documents_total", Map.of("dialect", "sync"));
      assertMoved(ingest, "tributary_live_subscribers", Map.of("transport", "sse"));
      assertPresent(ingest, "tributary_live_subscribers");
      assertObserved(ingest, "tributary_live_fanout_delay_seconds");
      assertJvm(ingest);
      assertMoved(ingest, "kafka_producer_record_send_total", Map.of());
      assertMoved(ingest, "kafka_consumer_fetch_manager_records_consumed_total", Map.of());
    }

    // and the projector's parse too, with outcomes by policy, store sizes and consumer lag
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> projectorMetrics().containsKey("kafka_consumer_fetch_manager_records_lag"));
    Map<String, JsonNode> projector = projectorMetrics();
    assertMoved(
        projector,
        "tributary_projector_changes_processed_total",
        Map.of("status", "accepted", "policy", "client-resolves"));
    assertMoved(
        projector,
        "tributary_projector_changes_processed_total",
        Map.of("status", "conflict", "policy", "client-resolves"));
    assertMoved(projector, "tributary_projector_store_keys", Map.of());
    assertPresent(projector, "kafka_consumer_fetch_manager_records_lag");
    assertThat(
            projector
                .get("kafka_consumer_fetch_manager_records_lag")
                .path("metrics")
                .findValues("partition"))
        .as("records-lag per partition")
        .isNotEmpty();
    assertJvm(projector);
  }

  private static void assertJvm(Map<String, JsonNode> families) {
    for (String name :
        List.of(
            "jvm_memory_used_bytes",
            "jvm_gc_max_data_size_bytes",
            "jvm_threads_live_threads",
            "jvm_classes_loaded_classes",
            "system_cpu_count")) {
      assertMoved(families, name, Map.of());
    }
  }

  /**
   * A histogram has observations. Per label set it cannot be told here: the parser merges a
   * histogram's label sets (the unit tests check each dialect's timer).
   */
  private static void assertObserved(Map<String, JsonNode> families, String name) {
    assertPresent(families, name);
    assertThat(families.get(name).path("type").asText()).isEqualTo("HISTOGRAM");
    assertThat(PrometheusText.observations(families.get(name)))
        .as("%s: %s", name, families.get(name))
        .isPositive();
  }

  private static void assertPresent(Map<String, JsonNode> families, String name) {
    assertThat(families).as("metric families").containsKey(name);
  }

  private static void assertMoved(
      Map<String, JsonNode> families, String name, Map<String, String> labels) {
    assertPresent(families, name);
    assertThat(PrometheusText.total(families.get(name), labels))
        .as("%s%s: %s", name, labels, families.get(name))
        .isPositive();
  }
}
