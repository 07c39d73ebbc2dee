package io.tributary.bench.stats;

import org.HdrHistogram.Histogram;

/**
 * Latencies recorded in microseconds, up to one minute, with three significant digits, read back in
 * milliseconds. Thread-safe: recording and reading synchronise on this object.
 */
public final class Latencies {

  private static final long MAX_MICROS = 60_000_000L;

  private final Histogram histogram = new Histogram(MAX_MICROS, 3);

  /** Records one latency given in nanoseconds; negative values count as zero. */
  public synchronized void recordNanos(long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    histogram.recordValue(Math.min(micros, MAX_MICROS));
  }

  public synchronized long count() {
    return histogram.getTotalCount();
  }

  /** The latency at {@code percentile} (0–100), in milliseconds. */
  public synchronized double percentileMillis(double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1_000.0;
  }

  public synchronized double maxMillis() {
    return histogram.getMaxValue() / 1_000.0;
  }

  public synchronized double meanMillis() {
    return histogram.getMean() / 1_000.0;
  }
}
