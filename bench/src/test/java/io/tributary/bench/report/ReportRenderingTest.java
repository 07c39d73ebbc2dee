package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {

  private static final Machine MACHINE = new Machine(2, 4L << 30, "cpu", "Linux", "17", "vm");

  private static RunReport report() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("push", "16 clients");
    settings.put("latency", "1000 changes/s");
    return new RunReport(
        "all",
        Instant.parse("2026-11-23T00:00:00Z"),
        MACHINE,
        settings,
        List.of(
            Metric.of("push", "accepted changes/s", 12345.6, "changes/s"),
            new Metric("latency", "p99", 30.25, "ms", Target.atMost(25)),
            new Metric("pull", "docs/s", 150_000, "documents/s", Target.atLeast(100_000))),
        List.of("a <note>"));
  }

  @Test
  void shouldMarkTargetsMetAndMissedInTheTable() {
    String table = TextTable.render(report());

    assertThat(table)
        .contains("| push     | accepted changes/s | 12,346  | changes/s   |           |        |")
        .contains("| latency  | p99                | 30.3    | ms          | ≤ 25      | MISSED |")
        .contains("| pull     | docs/s             | 150,000 | documents/s | ≥ 100,000 | met    |")
        .contains("machine 2 cores (cpu), 4096 MiB RAM, Linux, JDK 17")
        .contains("note: a <note>");
  }

  @Test
  void shouldKeepSettingsInTheOrderTheyWereGiven() {
    String table = TextTable.render(report());

    assertThat(table.indexOf("push = 16 clients")).isLessThan(table.indexOf("latency = 1000"));
  }

  @Test
  void shouldWriteEveryMetricWithItsVerdictAsJson() throws Exception {
    JsonNode json = new ObjectMapper().readTree(JsonReport.render(report()));

    assertThat(json.path("machine").path("cores").asInt()).isEqualTo(2);
    assertThat(json.path("metrics")).hasSize(3);
    assertThat(json.path("metrics").get(0).has("met")).isFalse();
    assertThat(json.path("metrics").get(1).path("met").asBoolean()).isFalse();
    assertThat(json.path("metrics").get(2).path("met").asBoolean()).isTrue();
    assertThat(json.path("settings").path("push").asText()).isEqualTo("16 clients");
  }

  @Test
  void shouldDrawOneChartPerUnitWithEscapedLabels() {
    String html = HtmlChart.render(report());

    assertThat(html).contains("<h2>changes/s</h2>", "<h2>ms</h2>", "<h2>documents/s</h2>");
    assertThat(html.split("<svg ", -1)).hasSize(4);
    assertThat(html).contains("a &lt;note&gt;").doesNotContain("a <note>");
    assertThat(html).contains("class=\"missed\">MISSED");
  }

  @Test
  void shouldScaleBarsToTheLargestValueOrTarget() {
    String svg =
        HtmlChart.svg(
            List.of(
                new Metric("w", "a", 50, "ms", Target.atMost(100)), Metric.of("w", "b", 25, "ms")));

    assertThat(svg).contains("width=\"210.0\"").contains("width=\"105.0\"");
  }
}
