package io.tributary.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.model.Outcome;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PendingOutcomesTest {

  private final PendingOutcomes pending = new PendingOutcomes();

  private static Outcome accepted(String correlationId) {
    return new Outcome(
        correlationId,
        "change-" + correlationId,
        Outcome.Status.ACCEPTED,
        "1-" + correlationId,
        1,
        null,
        null,
        null);
  }

  @Test
  void shouldCompleteWithEveryOutcomeInTheOrderOfItsCorrelationIds() {
    // Given
    PendingOutcomes.Waiting waiting = pending.register(List.of("a", "b", "c"));

    // When: the outcomes arrive in another order
    pending.complete(accepted("c"));
    pending.complete(accepted("a"));

    // Then
    assertThat(waiting.all()).isNotDone();
    pending.complete(accepted("b"));
    assertThat(waiting.all())
        .succeedsWithin(1, TimeUnit.SECONDS)
        .extracting(outcomes -> outcomes.stream().map(Outcome::correlationId).toList())
        .isEqualTo(List.of("a", "b", "c"));
    assertThat(pending.size()).isZero();
  }

  @Test
  void shouldIgnoreOutcomesNobodyWaitsForAndASecondOutcomeOfTheSameId() {
    // Given
    PendingOutcomes.Waiting waiting = pending.register(List.of("a", "b"));

    // When
    pending.complete(accepted("unknown"));
    pending.complete(accepted("a"));
    pending.complete(accepted("a"));

    // Then: the repeated "a" did not stand in for "b"
    assertThat(waiting.all()).isNotDone();
    assertThat(pending.size()).isEqualTo(1);
  }

  @Test
  void shouldForgetTheOpenCorrelationIdsOfACancelledWait() {
    // Given
    PendingOutcomes.Waiting waiting = pending.register(List.of("a", "b"));
    pending.complete(accepted("a"));

    // When
    waiting.cancel();

    // Then
    assertThat(waiting.all()).isCancelled();
    assertThat(pending.size()).isZero();
    pending.complete(accepted("b"));
    assertThat(waiting.all()).isCancelled();
  }

  @Test
  void shouldForgetTheCorrelationIdsOfAWaitThatTimedOut() {
    // Given
    PendingOutcomes.Waiting waiting = pending.register(List.of("a", "b"));

    // When
    waiting.all().orTimeout(10, TimeUnit.MILLISECONDS);

    // Then
    assertThat(waiting.all())
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(TimeoutException.class);
    assertThat(pending.size()).isZero();
  }

  @Test
  void shouldFailEveryWaitWhenToldTo() {
    // Given
    PendingOutcomes.Waiting first = pending.register(List.of("a", "b"));
    PendingOutcomes.Waiting second = pending.register(List.of("c"));

    // When
    pending.failAll(new IllegalStateException("closing"));

    // Then
    assertThat(first.all()).isCompletedExceptionally();
    assertThat(second.all()).isCompletedExceptionally();
    assertThat(pending.size()).isZero();
  }

  @Test
  void shouldCompleteAnEmptyWaitAtOnce() {
    assertThat(pending.register(List.of()).all()).isCompletedWithValue(List.of());
  }
}
