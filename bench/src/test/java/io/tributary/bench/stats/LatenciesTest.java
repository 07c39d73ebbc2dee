package io.tributary.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void shouldReportPercentilesInMilliseconds() {
    Latencies l = new Latencies();
    for (int ms = 1; ms <= 100; ms++) {
      l.recordNanos(ms * 1_000_000L);
    }

    assertThat(l.count()).isEqualTo(100);
    assertThat(l.percentileMillis(50)).isCloseTo(50, within(0.1));
    assertThat(l.percentileMillis(99)).isCloseTo(99, within(0.1));
    assertThat(l.maxMillis()).isCloseTo(100, within(0.1));
  }

  @Test
  void shouldCountNegativeDelaysAsZeroAndClampHugeOnes() {
    Latencies l = new Latencies();
    l.recordNanos(-5_000_000L);
    l.recordNanos(Long.MAX_VALUE);

    assertThat(l.percentileMillis(0)).isZero();
    assertThat(l.maxMillis()).isCloseTo(60_000, within(60.0));
  }
}
