package io.tributary.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatusCountsTest {

  @Test
  void shouldTallyAcceptedRateLimitedAndOtherAnswersApart() {
    StatusCounts counts = new StatusCounts();

    for (int status : new int[] {200, 204, 429, 429, 429, 503, 500, StatusCounts.NO_ANSWER}) {
      counts.record(status);
    }

    assertThat(counts.ok()).isEqualTo(2);
    assertThat(counts.limited()).isEqualTo(3);
    assertThat(counts.other()).isEqualTo(3);
    assertThat(counts.total()).isEqualTo(8);
  }

  @Test
  void shouldTurnCountsIntoRatesPerSecond() {
    assertThat(StatusCounts.perSecond(500, 2_000_000_000L)).isCloseTo(250, within(1e-9));
    assertThat(StatusCounts.perSecond(500, 0)).isZero();
  }

  @Test
  void shouldGiveNoRatioWhenTheBaselineMeasuredNothing() {
    assertThat(StatusCounts.ratio(30, 10)).isCloseTo(3, within(1e-9));
    assertThat(StatusCounts.ratio(30, 0)).isNaN();
  }
}
