package io.tributary.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.model.DocumentVersion;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The ingest instance's meters, all named {@code tributary_*}. Labels are bounded: dialect ({@code
 * sync}, {@code rxdb}), HTTP status, outcome, transport; never tenant, document or change ids.
 * Thread-safe.
 */
public final class IngestMetrics {

  /** Dialect A, {@code /v1/sync}. */
  public static final String SYNC = "sync";

  /** Dialect B, {@code /v1/rxdb}. */
  public static final String RXDB = "rxdb";

  /** The transport of requests over HTTP. */
  public static final String HTTP = "http";

  /** The transport of push and pull frames on {@code /v1/sync/ws}. */
  public static final String WEBSOCKET = "websocket";

  /** The outcome label of changes whose push failed (timeout, not written). */
  public static final String ERROR = "error";

  /** The content type of {@link #scrape}: Prometheus text exposition 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final MeterRegistry registry;
  private final Timer outcomeWait;
  private final Counter pushTimeouts;
  private final Timer fanOutDelay;
  private final Counter requestsLimited;
  private final Counter changesLimited;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.outcomeWait =
        Timer.builder("tributary_push_outcome_wait")
            .description("From producing a push's changes to knowing all their outcomes")
            .publishPercentileHistogram()
            .register(registry);
    this.pushTimeouts =
        Counter.builder("tributary_push_timeouts")
            .description("Pushes answered 504 because an outcome was not known in time")
            .register(registry);
    this.requestsLimited = rateLimitedCounter(registry, "requests");
    this.changesLimited = rateLimitedCounter(registry, "changes");
    this.fanOutDelay =
        Timer.builder("tributary_live_fanout_delay")
            .description("From a version's server stamp to its event written to a subscriber")
            .publishPercentileHistogram()
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * The Prometheus text exposition of every meter; empty when the registry is not a Prometheus one.
   * Reads gauges: call it off the event loop.
   */
  public String scrape() {
    return registry instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : "";
  }

  /**
   * One push request answered with {@code status} after {@code nanos}.
   *
   * @param transport {@link #HTTP} or {@link #WEBSOCKET} (a push frame; its status is the one the
   *     same request would get over HTTP)
   */
  public void pushRequest(String dialect, String transport, int status, long nanos) {
    Counter.builder("tributary_push_requests")
        .description("Push requests by dialect, transport and HTTP status")
        .tag("dialect", dialect)
        .tag("transport", transport)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
    Timer.builder("tributary_push_latency")
        .description("From a push request to its answer")
        .tag("dialect", dialect)
        .tag("transport", transport)
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** {@code count} pushed changes ended with {@code outcome} (lower-case outcome status). */
  public void pushedChanges(String dialect, String outcome, int count) {
    if (count > 0) {
      Counter.builder("tributary_pushed_changes")
          .description("Pushed changes by outcome and dialect")
          .tag("dialect", dialect)
          .tag("outcome", outcome)
          .register(registry)
          .increment(count);
    }
  }

  public void outcomeWait(long nanos) {
    outcomeWait.record(Duration.ofNanos(nanos));
  }

  /** The gauge of changes waiting for their outcomes, read from {@code source} when scraped. */
  public <T> void inFlightChanges(T source, ToDoubleFunction<T> value) {
    Gauge.builder("tributary_push_in_flight_changes", source, value)
        .description("Pushed changes waiting for their outcomes on this instance")
        .register(registry);
  }

  /**
   * The refusals of one per-tenant limit, told apart by the label {@code limit} ({@code requests}:
   * requests per second; {@code changes}: pushed changes per second), two series in all.
   */
  private static Counter rateLimitedCounter(MeterRegistry registry, String limit) {
    return Counter.builder("tributary_rate_limited_requests")
        .description("Requests refused with 429 by a per-tenant rate limit, per limit")
        .tag("limit", limit)
        .register(registry);
  }

  /** One request refused by the per-tenant limit on requests per second. */
  public void requestRateLimited() {
    requestsLimited.increment();
  }

  /** One push refused by the per-tenant limit on pushed changes per second. */
  public void changeRateLimited() {
    changesLimited.increment();
  }

  public void pushTimeout() {
    pushTimeouts.increment();
  }

  /** One pull request answered after {@code nanos}, over {@code transport}. */
  public void pull(String dialect, String transport, long nanos) {
    Timer.builder("tributary_pull_latency")
        .description("From a pull request to its answer")
        .tag("dialect", dialect)
        .tag("transport", transport)
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  public void documentsServed(String dialect, int count) {
    Counter.builder("tributary_pull_documents")
        .description("Documents served by pulls, by dialect")
        .tag("dialect", dialect)
        .register(registry)
        .increment(count);
  }

  /** Registers the live subscribers gauge of one transport ({@code sse}, {@code websocket}). */
  public <T> void liveSubscribers(String transport, T source, ToDoubleFunction<T> count) {
    Gauge.builder("tributary_live_subscribers", source, count)
        .description("Open live subscriptions by transport")
        .tag("transport", transport)
        .register(registry);
  }

  /** Versions just written to a subscriber: their delay since the server stamped them. */
  public void delivered(List<DocumentVersion> versions) {
    long now = System.currentTimeMillis();
    for (DocumentVersion v : versions) {
      long delay = Math.max(0, now - HybridLogicalClock.millis(v.hlc()));
      fanOutDelay.record(Duration.ofMillis(delay));
    }
  }
}
