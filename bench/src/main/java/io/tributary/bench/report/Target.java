package io.tributary.bench.report;

/**
 * A goal a measured value should reach, e.g. "≥ 100000 documents/s" or "≤ 25 ms".
 *
 * @param atLeast true when the value must be at least {@code bound}, false for at most
 */
public record Target(boolean atLeast, double bound) {

  public static Target atLeast(double bound) {
    return new Target(true, bound);
  }

  public static Target atMost(double bound) {
    return new Target(false, bound);
  }

  public boolean isMetBy(double value) {
    return atLeast ? value >= bound : value <= bound;
  }

  @Override
  public String toString() {
    return (atLeast ? "≥ " : "≤ ") + Metric.format(bound);
  }
}
