package io.tributary.protocol.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridLogicalClockTest {

  @Test
  void shouldFollowTheWallClock() {
    AtomicLong wall = new AtomicLong(1_700_000_000_000L);
    HybridLogicalClock clock = new HybridLogicalClock(wall::get);

    long stamp = clock.now();

    assertThat(HybridLogicalClock.millis(stamp)).isEqualTo(1_700_000_000_000L);
    assertThat(HybridLogicalClock.counter(stamp)).isZero();
  }

  @Test
  void shouldStayStrictlyIncreasingWhenTheWallClockStandsStillOrStepsBack() {
    AtomicLong wall = new AtomicLong(1_700_000_000_000L);
    HybridLogicalClock clock = new HybridLogicalClock(wall::get);

    long a = clock.now();
    long b = clock.now();
    wall.addAndGet(-5_000);
    long c = clock.now();
    wall.addAndGet(10_000);
    long d = clock.now();

    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(c);
    assertThat(c).isLessThan(d);
    assertThat(HybridLogicalClock.millis(c)).isEqualTo(1_700_000_000_000L);
    assertThat(HybridLogicalClock.millis(d)).isEqualTo(1_700_000_005_000L);
  }

  @Test
  void shouldNeverRepeatAStampAcrossThreads() throws InterruptedException {
    HybridLogicalClock clock = new HybridLogicalClock(() -> 42L);
    java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  seen.add(clock.now());
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(seen).hasSize(40_000);
  }

  @Test
  void shouldUseTheClientTimeOnlyWithinTheAllowedSkew() {
    long server = 1_000_000L;

    assertThat(HybridLogicalClock.lwwTime(server - 60_000, server, 60_000))
        .isEqualTo(server - 60_000);
    assertThat(HybridLogicalClock.lwwTime(server + 60_001, server, 60_000)).isEqualTo(server);
    assertThat(HybridLogicalClock.lwwTime(null, server, 60_000)).isEqualTo(server);
  }
}
