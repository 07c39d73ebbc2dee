package io.tributary.ingest.auth;

import io.tributary.ingest.http.ApiError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-tenant limits of one ingest instance, on requests or on pushed changes: a token bucket per
 * tenant, refilled at {@code perSecond} up to {@code burst}. A request that needs more tokens than
 * its tenant has is refused whole with 429 {@code rate_limited} and a {@code Retry-After} of the
 * seconds until they are back, and takes none. Thread-safe; a rate of 0 turns limits off.
 */
public final class TenantRateLimits {

  /** No limits. */
  public static final TenantRateLimits OFF = new TenantRateLimits(0, 0, System::nanoTime, () -> {});

  /** Idle (full) buckets are dropped once this many tenants have one. */
  static final int MAX_BUCKETS = 100_000;

  /** What a token stands for, in refusals: {@code "requests"} or {@code "changes"}. */
  private final String unit;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Runnable onLimited;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** A limit on requests. */
  public TenantRateLimits(
      double perSecond, double burst, LongSupplier nanoClock, Runnable onLimited) {
    this("requests", perSecond, burst, nanoClock, onLimited);
  }

  /**
   * @param unit what a token stands for, named in refusals ({@code "requests"}, {@code "changes"})
   * @param perSecond tokens per second and tenant; 0 for no limit
   * @param burst tokens a tenant may spend at once after being idle; at least 1 when limited
   * @param onLimited called for each refused request (a metric)
   */
  public TenantRateLimits(
      String unit, double perSecond, double burst, LongSupplier nanoClock, Runnable onLimited) {
    if (perSecond < 0 || (perSecond > 0 && burst < 1)) {
      throw new IllegalArgumentException("perSecond must be >= 0 and burst >= 1 when limited");
    }
    this.unit = unit;
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.onLimited = onLimited;
  }

  public boolean enabled() {
    return perSecond > 0;
  }

  /**
   * Takes one token of {@code tenant}'s allowance.
   *
   * @throws ApiError 429 {@code rate_limited} with {@code Retry-After} when it has none left
   */
  public void acquire(String tenant) {
    acquire(tenant, 1);
  }

  /**
   * Takes {@code tokens} of {@code tenant}'s allowance, all or none.
   *
   * @param tokens what the request costs; more than the burst counts as the burst, so that no
   *     request is refused for good (settings keep the burst at least the largest request)
   * @throws ApiError 429 {@code rate_limited} with {@code Retry-After} when it has fewer left
   */
  public void acquire(String tenant, int tokens) {
    if (perSecond <= 0 || tokens <= 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (buckets.size() >= MAX_BUCKETS) {
      buckets.values().removeIf(b -> b.isFullAt(now));
    }
    double wait =
        buckets.computeIfAbsent(tenant, t -> new Bucket(now)).take(now, Math.min(tokens, burst));
    if (wait > 0) {
      onLimited.run();
      int seconds = (int) Math.max(1, Math.ceil(wait));
      throw new ApiError(
          429,
          "rate_limited",
          "Too many " + unit + " for this tenant; retry after " + seconds + " s.",
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

    /** Takes n tokens: 0 if taken, else the seconds until n are back. */
    synchronized double take(long now, double n) {
      refill(now);
      if (tokens >= n) {
        tokens -= n;
        return 0;
      }
      return (n - tokens) / perSecond;
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
