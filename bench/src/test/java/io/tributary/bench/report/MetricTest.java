package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricTest {

  @Test
  void shouldFormatLargeNumbersWithoutDecimalsAndSmallOnesWithSome() {
    assertThat(Metric.format(123456.7)).isEqualTo("123,457");
    assertThat(Metric.format(42)).isEqualTo("42");
    assertThat(Metric.format(12.345)).isEqualTo("12.3");
    assertThat(Metric.format(0.5)).isEqualTo("0.500");
    assertThat(Metric.format(Double.NaN)).isEqualTo("n/a");
  }

  @Test
  void shouldJudgeBothKindsOfTargetInclusively() {
    assertThat(Target.atLeast(0.5).isMetBy(0.5)).isTrue();
    assertThat(Target.atLeast(0.5).isMetBy(0.49)).isFalse();
    assertThat(Target.atMost(25).isMetBy(25)).isTrue();
    assertThat(Target.atMost(25).isMetBy(25.1)).isFalse();
  }

  @Test
  void shouldHaveNoVerdictWithoutATarget() {
    assertThat(Metric.of("w", "n", 1, "u").verdict()).isEmpty();
    assertThat(new Metric("w", "n", 1, "u", Target.atLeast(2)).verdict()).isEqualTo("MISSED");
  }
}
