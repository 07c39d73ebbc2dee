package io.tributary.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.ingest.http.ApiError;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantRateLimitsTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicInteger refused = new AtomicInteger();

  private TenantRateLimits limits(double perSecond, double burst) {
    return new TenantRateLimits(perSecond, burst, now::get, refused::incrementAndGet);
  }

  @Test
  void shouldAllowTheBurstThenRefuseWith429AndRetryAfter() {
    TenantRateLimits limits = limits(2, 3);
    for (int i = 0; i < 3; i++) {
      limits.acquire("a");
    }
    assertThatThrownBy(() -> limits.acquire("a"))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.code()).isEqualTo("rate_limited");
              assertThat(e.headers()).containsEntry("Retry-After", "1");
            });
    assertThat(refused).hasValue(1);
  }

  @Test
  void shouldRefillAtTheRate() {
    TenantRateLimits limits = limits(2, 1);
    limits.acquire("a");
    assertThatThrownBy(() -> limits.acquire("a")).isInstanceOf(ApiError.class);
    now.addAndGet(500_000_000L); // half a second: one token at 2/s
    assertThatCode(() -> limits.acquire("a")).doesNotThrowAnyException();
    assertThatThrownBy(() -> limits.acquire("a")).isInstanceOf(ApiError.class);
  }

  @Test
  void shouldKeepEachTenantsAllowanceApart() {
    TenantRateLimits limits = limits(1, 2);
    limits.acquire("flood");
    limits.acquire("flood");
    assertThatThrownBy(() -> limits.acquire("flood")).isInstanceOf(ApiError.class);
    assertThatCode(
            () -> {
              limits.acquire("quiet");
              limits.acquire("quiet");
            })
        .doesNotThrowAnyException();
  }

  @Test
  void shouldSayHowLongToWaitWhenTheRateIsSlow() {
    TenantRateLimits limits = limits(0.1, 1);
    limits.acquire("a");
    assertThatThrownBy(() -> limits.acquire("a"))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.headers()).containsEntry("Retry-After", "10"));
  }

  @Test
  void shouldNeverRefuseWhenOff() {
    for (int i = 0; i < 10_000; i++) {
      TenantRateLimits.OFF.acquire("a");
    }
    assertThat(TenantRateLimits.OFF.enabled()).isFalse();
  }

  @Test
  void shouldTakeSeveralTokensAllOrNone() {
    TenantRateLimits limits = limits(1, 10);
    limits.acquire("a", 7);
    assertThatThrownBy(() -> limits.acquire("a", 5))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.headers()).containsEntry("Retry-After", "2"));
    assertThatCode(() -> limits.acquire("a", 3)).doesNotThrowAnyException();
    assertThatThrownBy(() -> limits.acquire("a", 1)).isInstanceOf(ApiError.class);
  }

  @Test
  void shouldCountARequestAboveTheBurstAsTheBurstSoItCanGetThrough() {
    TenantRateLimits limits = limits(1, 10);
    assertThatCode(() -> limits.acquire("a", 50)).doesNotThrowAnyException();
    assertThatThrownBy(() -> limits.acquire("a", 50))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.headers()).containsEntry("Retry-After", "10"));
  }
}
