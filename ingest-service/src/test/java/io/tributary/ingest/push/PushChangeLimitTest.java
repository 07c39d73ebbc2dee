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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A tenant's changes per second: a push takes as many as it carries, is refused whole with 429 when
 * its tenant has fewer left, and writes nothing then; other tenants keep their own allowance.
 */
class PushChangeLimitTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<ChangeRecord> produced = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final PushService push = bounded(PushService.DEFAULT_MAX_IN_FLIGHT_CHANGES, meters);

  @Test
  void shouldRefuseAPushWithMoreChangesThanItsTenantHasLeftAndWriteNoneOfThem() {
    // Given a tenant that pushed 6 of its 10 changes
    push.push("sync", "flood", items(6, "a"));

    // When it pushes 6 more
    // Then the whole push is refused with 429, saying when 6 are back (2 missing at 2/s: 1 s)
    assertThatThrownBy(() -> push.push("sync", "flood", items(6, "b")))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.code()).isEqualTo("rate_limited");
              assertThat(e.getMessage()).contains("changes");
              assertThat(e.headers()).containsEntry("Retry-After", "1");
            });
    assertThat(produced).hasSize(6);
    assertThat(
            meters.get("tributary_rate_limited_requests").tag("limit", "changes").counter().count())
        .isEqualTo(1);

    // and the refused push took nothing: the 4 left still go through
    push.push("sync", "flood", items(4, "c"));
    assertThat(produced).hasSize(10);
  }

  @Test
  void shouldKeepEachTenantsChangesApartAndRefillThemAtTheRate() {
    push.push("sync", "flood", items(10, "a"));
    assertThatThrownBy(() -> push.push("sync", "flood", items(1, "b")))
        .isInstanceOf(ApiError.class);

    // Another tenant has its whole allowance
    push.push("rxdb", "quiet", items(10, "q"));
    assertThat(produced).hasSize(20);

    // and after 1.5 s the first has 3 again
    now.addAndGet(1_500_000_000L);
    push.push("sync", "flood", items(3, "c"));
    assertThat(produced).hasSize(23);
    assertThatThrownBy(() -> push.push("sync", "flood", items(1, "d")))
        .isInstanceOf(ApiError.class);
  }

  @Test
  void shouldTakeNoChangesForAPushRefusedByTheInFlightBound() {
    PushService bounded = bounded(5, new SimpleMeterRegistry());
    assertThatThrownBy(() -> bounded.push("sync", "t", items(6, "a")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(503));

    // (had the refused push taken 6 of the 10, these 5 would get 429)
    bounded.push("sync", "t", items(5, "b"));
    assertThat(produced).hasSize(5);
  }

  @Test
  void shouldGiveBackTheInFlightBoundOfAPushRefusedByTheChangesLimit() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PushService bounded = bounded(20, registry);
    bounded.push("sync", "t", items(10, "a"));
    assertThatThrownBy(() -> bounded.push("sync", "t", items(5, "b")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(429));

    assertThat(registry.get("tributary_push_in_flight_changes").gauge().value()).isEqualTo(10);
  }

  /** 2 changes per second and 10 at once, at most {@code maxInFlight} changes awaiting outcomes. */
  private PushService bounded(int maxInFlight, SimpleMeterRegistry registry) {
    IngestMetrics own = new IngestMetrics(registry);
    return new PushService(
        new ChangeStamper(HybridLogicalClock.system(), 60_000, CollectionRules.from(Map.of())),
        records -> {
          produced.addAll(records);
          return CompletableFuture.completedFuture(null);
        },
        new PendingOutcomes(),
        0,
        60_000,
        own,
        maxInFlight,
        new TenantRateLimits("changes", 2, 10, now::get, own::changeRateLimited));
  }
}
