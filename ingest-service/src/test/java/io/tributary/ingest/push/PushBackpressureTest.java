package io.tributary.ingest.push;

import static io.tributary.ingest.push.PushItems.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.common.collections.CollectionRules;
import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Pushes waiting for outcomes are bounded: above the bound a push gets 503, and none piles up. */
class PushBackpressureTest {

  private final PendingOutcomes pending = new PendingOutcomes();
  private final List<ChangeRecord> produced = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private PushService service(int maxInFlight) {
    return new PushService(
        new ChangeStamper(HybridLogicalClock.system(), 60_000, CollectionRules.from(Map.of())),
        records -> {
          produced.addAll(records);
          return CompletableFuture.completedFuture(null);
        },
        pending,
        0,
        60_000,
        new IngestMetrics(meters),
        maxInFlight,
        TenantRateLimits.OFF);
  }

  private void answerAll() {
    for (ChangeRecord r : List.copyOf(produced)) {
      pending.complete(
          new Outcome(
              r.correlationId(),
              r.changeId(),
              Outcome.Status.ACCEPTED,
              "1-x",
              r.hlc(),
              null,
              null,
              null));
    }
    produced.clear();
  }

  @Test
  void shouldRefuseAPushThatWouldGoAboveTheBoundUntilOutcomesArrive() {
    PushService push = service(5);
    CompletableFuture<?> first = push.push("sync", "t1", items(3, "a"));
    assertThat(meters.get("tributary_push_in_flight_changes").gauge().value()).isEqualTo(3);

    assertThatThrownBy(() -> push.push("sync", "t1", items(3, "b")))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.headers()).containsKey("Retry-After");
            });
    assertThat(produced).hasSize(3);
    assertThat(pending.size()).isEqualTo(3);

    answerAll();
    assertThat(first).isCompleted();
    assertThat(meters.get("tributary_push_in_flight_changes").gauge().value()).isZero();
    CompletableFuture<?> second = push.push("sync", "t1", items(5, "c"));
    assertThat(produced).hasSize(5);
    answerAll();
    assertThat(second).isCompleted();
  }

  @Test
  void shouldReleaseTheBoundWhenThePushFails() {
    PushService push =
        new PushService(
            new ChangeStamper(HybridLogicalClock.system(), 60_000, CollectionRules.from(Map.of())),
            records -> CompletableFuture.failedFuture(new IllegalStateException("broker down")),
            pending,
            0,
            60_000,
            new IngestMetrics(meters),
            4,
            TenantRateLimits.OFF);
    CompletableFuture<?> failed = push.push("sync", "t1", items(4, "a"));
    assertThat(failed).isCompletedExceptionally();
    assertThat(meters.get("tributary_push_in_flight_changes").gauge().value()).isZero();
    assertThat(push.push("sync", "t1", items(4, "b"))).isCompletedExceptionally();
  }
}
