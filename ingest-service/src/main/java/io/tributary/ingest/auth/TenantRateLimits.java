package io.tributary.ingest.auth;

import io.tributary.ingest.http.ApiError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-tenant request limits of one ingest instance: a token bucket per tenant, refilled at {@code
 * perSecond} up to {@code burst}. A request over the limit is refused with 429 {@code rate_limited}
 * and a {@code Retry-After} of the seconds until a token is back. Thread-safe; a rate of 0 turns
 * limits off.
 */
public final class TenantRateLimits {

  /** No limits. */
  public static final TenantRateLimits OFF = new TenantRateLimits(0, 0, System::nanoTime, () -> {});

  /** Idle (full) buckets are dropped once this many tenants have one. */
  static final int MAX_BUCKETS = 100_000;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Runnable onLimited;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param perSecond requests per second and tenant; 0 for no limit
   * @param burst requests a tenant may make at once after being idle; at least 1 when limited
   * @param onLimited called for each refused request (a metric)
   */
  public TenantRateLimits(
      double perSecond, double burst, LongSupplier nanoClock, Runnable onLimited) {
    if (perSecond < 0 || (perSecond > 0 && burst < 1)) {
      throw new IllegalArgumentException("perSecond must be >= 0 and burst >= 1 when limited");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.onLimited = onLimited;
  }

  public boolean enabled() {
    return perSecond > 0;
  }

  /**
   * Takes one request of {@code tenant}'s allowance.
   *
   * @throws ApiError 429 {@code rate_limited} with {@code Retry-After} when it has none left
   */
  public void acquire(String tenant) {
    if (perSecond <= 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (buckets.size() >= MAX_BUCKETS) {
      buckets.values().removeIf(b -> b.isFullAt(now));
    }
    double wait = buckets.computeIfAbsent(tenant, t -> new Bucket(now)).take(now);
    if (wait > 0) {
      onLimited.run();
      int seconds = (int) Math.max(1, Math.ceil(wait));
      throw new ApiError(
          429,
          "rate_limited",
          "Too many requests for this tenant; retry after " + seconds + " s.",
          Map.of("Retry-After", Integer.toString(seconds)));
    }
  }

  /** One tenant's bucket. */
  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(long now) {
      this.tokens = burst;
      this.last = now;
    }

    /** Takes a token: 0 if taken, else the seconds until one is back. */
    synchronized double take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (1 - tokens) / perSecond;
    }

    synchronized boolean isFullAt(long now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(long now) {
      if (now > last) {
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
      }
    }
  }
}
