package io.tributary.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric-name extraction the dashboard and alert checks rely on. */
class PromQlTest {

  @Test
  void shouldFindTheMetricsAndNotFunctionsLabelsOrGroupings() {
    String expr =
        "histogram_quantile(0.99, sum by (le, dialect) (rate(tributary_push_latency_seconds_bucket"
            + "{job=\"tributary-ingest\", status=~\"5..\"}[$__rate_interval])))"
            + " / on (instance) group_left max without (id) (up offset 5m) > bool 1e3";
    assertThat(PromQl.metricNames(expr))
        .containsExactlyInAnyOrder("tributary_push_latency_seconds_bucket", "up");
  }

  @Test
  void shouldFindABareMetricAndOneInsideAggregation() {
    assertThat(PromQl.metricNames("up == 0")).containsExactly("up");
    assertThat(PromQl.metricNames("sum(rate(a_total[5m])) / sum(rate(b_total[5m])) > 0.05"))
        .containsExactlyInAnyOrder("a_total", "b_total");
  }

  @Test
  void shouldReplaceGrafanaIntervalVariables() {
    assertThat(PromQl.withoutGrafanaVariables("rate(x[$__rate_interval])"))
        .isEqualTo("rate(x[5m])");
  }
}
