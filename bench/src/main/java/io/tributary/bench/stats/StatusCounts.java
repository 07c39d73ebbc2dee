package io.tributary.bench.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The answers of a load tallied by what the client should make of them: accepted (2xx), refused by
 * the rate limit (429), or anything else, a request with no answer included. Thread-safe.
 */
public final class StatusCounts {

  /** The status to record for a request that got no answer (connection refused, reset, timeout). */
  public static final int NO_ANSWER = -1;

  private final LongAdder ok = new LongAdder();
  private final LongAdder limited = new LongAdder();
  private final LongAdder other = new LongAdder();

  public void record(int status) {
    if (status >= 200 && status < 300) {
      ok.increment();
    } else if (status == 429) {
      limited.increment();
    } else {
      other.increment();
    }
  }

  public long ok() {
    return ok.sum();
  }

  public long limited() {
    return limited.sum();
  }

  public long other() {
    return other.sum();
  }

  public long total() {
    return ok() + limited() + other();
  }

  /** {@code count} per second over {@code elapsedNanos}; 0 when no time passed. */
  public static double perSecond(long count, long elapsedNanos) {
    return elapsedNanos <= 0 ? 0 : count * 1e9 / elapsedNanos;
  }

  /**
   * {@code numerator ÷ denominator}, or NaN (shown as "n/a") when the denominator is not positive,
   * so a phase that measured nothing never passes for a ratio of 0 or infinity.
   */
  public static double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : Double.NaN;
  }
}
