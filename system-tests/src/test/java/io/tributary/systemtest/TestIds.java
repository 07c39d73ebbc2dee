package io.tributary.systemtest;

import java.util.UUID;

/** Fresh names per test, so tests sharing a stack never read each other's data. */
public final class TestIds {

  private TestIds() {}

  public static String tenant() {
    return "tenant-" + shortId();
  }

  public static String changeId() {
    return "ch-" + UUID.randomUUID();
  }

  public static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
