package io.tributary.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert rules query exported metrics and cover what operators must hear about. */
class AlertRulesTest {

  static List<JsonNode> rules() {
    List<JsonNode> rules = new ArrayList<>();
    RepoFiles.yaml(RepoFiles.alerts())
        .path("spec")
        .path("groups")
        .forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }

  @Test
  void shouldQueryOnlyMetricsTheServicesExport() {
    for (JsonNode r : rules()) {
      String expr = r.path("expr").asText();
      assertThat(PromQl.metricNames(expr))
          .as("metrics of %s", r.path("alert"))
          .isNotEmpty()
          .allSatisfy(
              name ->
                  assertThat(ExportedMetrics.isKnown(name))
                      .as("%s (alert %s) is exported", name, r.path("alert"))
                      .isTrue());
    }
  }

  @Test
  void shouldAlertOnLagPushErrorsTimeoutsAndInstancesNotReady() {
    List<String> exprs = rules().stream().map(r -> r.path("expr").asText()).toList();
    assertThat(exprs)
        .as("consumer lag")
        .anyMatch(e -> PromQl.metricNames(e).contains("kafka_consumer_fetch_manager_records_lag"));
    assertThat(exprs)
        .as("push error rate")
        .anyMatch(
            e ->
                PromQl.metricNames(e).contains("tributary_push_requests_total")
                    && e.contains("5.."));
    assertThat(exprs)
        .as("outcome timeouts (504)")
        .anyMatch(e -> PromQl.metricNames(e).contains("tributary_push_timeouts_total"));
    assertThat(exprs).as("instances down").anyMatch(e -> PromQl.metricNames(e).contains("up"));
    assertThat(exprs)
        .as("projector not ready")
        .anyMatch(e -> PromQl.metricNames(e).contains("kafka_stream_client_state"));
  }
}
