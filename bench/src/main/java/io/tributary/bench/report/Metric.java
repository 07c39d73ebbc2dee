package io.tributary.bench.report;

import java.util.Locale;

/**
 * One measured number of a workload.
 *
 * @param workload the workload's command name, e.g. {@code push}
 * @param name what was measured, e.g. {@code accepted changes/s (distinct records)}
 * @param unit e.g. {@code changes/s}, {@code ms}, {@code ratio}
 * @param target the goal, or null when the number is reported without one
 */
public record Metric(String workload, String name, double value, String unit, Target target) {

  public static Metric of(String workload, String name, double value, String unit) {
    return new Metric(workload, name, value, unit, null);
  }

  /** "met", "MISSED" or "" when there is no target. */
  public String verdict() {
    if (target == null) {
      return "";
    }
    return target.isMetBy(value) ? "met" : "MISSED";
  }

  /** A number as the table shows it: integers without decimals, small values with up to 3. */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double abs = Math.abs(v);
    if (abs >= 1000 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  public String formattedValue() {
    return format(value);
  }
}
