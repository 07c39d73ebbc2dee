package io.tributary.bench.stats;

import java.util.concurrent.atomic.LongAdder;

/** Counts events over a measured interval and reports their rate per second. Thread-safe. */
public final class Counter {

  private final LongAdder count = new LongAdder();

  public void add(long n) {
    count.add(n);
  }

  public long total() {
    return count.sum();
  }

  /** Events per second over {@code nanos}. */
  public static double perSecond(long events, long nanos) {
    return nanos <= 0 ? 0 : events * 1e9 / nanos;
  }
}
