package io.tributary.protocol.clock;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A hybrid logical clock: stamps that follow wall-clock milliseconds but never go backwards and
 * never repeat on one instance, even when the wall clock steps back or many stamps are taken in one
 * millisecond.
 *
 * <p>A stamp is a {@code long}: the upper 48 bits are milliseconds since the epoch, the lower 16 a
 * counter within that millisecond. Stamps compare as plain longs. Thread-safe and lock-free.
 */
public final class HybridLogicalClock {

  private static final int COUNTER_BITS = 16;
  private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;

  private final LongSupplier wallClockMillis;
  private final AtomicLong last = new AtomicLong();

  public HybridLogicalClock(LongSupplier wallClockMillis) {
    this.wallClockMillis = wallClockMillis;
  }

  public static HybridLogicalClock system() {
    return new HybridLogicalClock(System::currentTimeMillis);
  }

  /** A new stamp, strictly greater than every stamp this clock returned before. */
  public long now() {
    long wall = wallClockMillis.getAsLong() << COUNTER_BITS;
    return last.updateAndGet(prev -> Math.max(prev + 1, wall));
  }

  /** The wall-clock milliseconds a stamp carries. */
  public static long millis(long stamp) {
    return stamp >>> COUNTER_BITS;
  }

  /** The counter within the stamp's millisecond. */
  public static int counter(long stamp) {
    return (int) (stamp & COUNTER_MASK);
  }

  /**
   * The time last-writer-wins uses for a change: the client's timestamp when it lies within {@code
   * maxSkewMillis} of the server's receive time, else the server's receive time.
   */
  public static long lwwTime(Long clientMillis, long serverMillis, long maxSkewMillis) {
    if (clientMillis != null && Math.abs(clientMillis - serverMillis) <= maxSkewMillis) {
      return clientMillis;
    }
    return serverMillis;
  }
}
