package io.tributary.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/tributary-dashboard.json is a well-formed Grafana dashboard on the provisioned
 * datasource, and queries only metrics the services export, covering every family.
 */
class DashboardTest {

  private static JsonNode dashboard;

  @BeforeAll
  static void load() {
    dashboard = RepoFiles.json(RepoFiles.dashboard());
  }

  @Test
  void shouldHaveAUidATitleAndUniquePanelIds() {
    assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : panels()) {
      assertThat(ids.add(p.path("id").asInt(-1)))
          .as("unique id of panel %s", p.path("title"))
          .isTrue();
    }
  }

  @Test
  void shouldGiveEveryPanelATypeAPlaceAndQueriesOnTheProvisionedDatasource() {
    for (JsonNode p : panels()) {
      String title = p.path("title").asText();
      assertThat(p.path("type").asText()).as("type of %s", title).isNotBlank();
      JsonNode grid = p.path("gridPos");
      for (String f : List.of("h", "w", "x", "y")) {
        assertThat(grid.path(f).isInt()).as("gridPos.%s of %s", f, title).isTrue();
      }
      assertThat(grid.path("x").asInt() + grid.path("w").asInt())
          .as("width of %s", title)
          .isBetween(1, 24);
      if (p.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(p.path("datasource").path("uid").asText())
          .as("datasource of %s", title)
          .isEqualTo(RepoFiles.DATASOURCE_UID);
      assertThat(p.path("targets")).as("targets of %s", title).isNotEmpty();
      for (JsonNode t : p.path("targets")) {
        assertThat(t.path("expr").asText()).as("expr of %s", title).isNotBlank();
        assertThat(t.path("refId").asText()).as("refId of %s", title).isNotBlank();
        assertThat(t.path("datasource").path("uid").asText())
            .as("target datasource of %s", title)
            .isEqualTo(RepoFiles.DATASOURCE_UID);
      }
    }
  }

  @Test
  void shouldQueryOnlyMetricsTheServicesExport() {
    for (String expr : exprs()) {
      assertThat(PromQl.metricNames(expr))
          .as("metrics of %s", expr)
          .isNotEmpty()
          .allSatisfy(
              name ->
                  assertThat(ExportedMetrics.isKnown(name))
                      .as("%s (in %s) is exported", name, expr)
                      .isTrue());
    }
  }

  @Test
  void shouldShowEveryTributaryMetricFamilyAndTheKafkaAndJvmMetrics() {
    Set<String> used = new TreeSet<>();
    exprs().forEach(e -> used.addAll(PromQl.metricNames(e)));
    Set<String> families = new TreeSet<>();
    used.forEach(n -> families.add(n.replaceFirst("_(bucket|count|sum|max)$", "")));
    assertThat(families).containsAll(ExportedMetrics.tributaryFamilies());
    assertThat(used)
        .contains("kafka_consumer_fetch_manager_records_lag", "jvm_memory_used_bytes")
        .anyMatch(n -> n.startsWith("kafka_producer_"))
        .anyMatch(n -> n.startsWith("kafka_consumer_"))
        .anyMatch(n -> n.startsWith("kafka_stream_"))
        .anyMatch(n -> n.startsWith("jvm_gc_"));
  }

  static List<JsonNode> panels() {
    List<JsonNode> all = new java.util.ArrayList<>();
    dashboard
        .path("panels")
        .forEach(
            p -> {
              all.add(p);
              p.path("panels").forEach(all::add);
            });
    return all;
  }

  static List<String> exprs() {
    if (dashboard == null) {
      load();
    }
    return panels().stream()
        .flatMap(p -> java.util.stream.StreamSupport.stream(p.path("targets").spliterator(), false))
        .map(t -> t.path("expr").asText())
        .toList();
  }
}
