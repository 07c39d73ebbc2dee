package io.tributary.bench.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark command measured, with where and how.
 *
 * @param command what was run, e.g. {@code push} or {@code all}
 * @param settings the knobs of the run (sizes, durations, server options), in a stable order
 * @param notes remarks a reader needs to read the numbers right (errors seen, skipped parts)
 */
public record RunReport(
    String command,
    Instant startedAt,
    Machine machine,
    Map<String, String> settings,
    List<Metric> metrics,
    List<String> notes) {

  public RunReport {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    metrics = List.copyOf(metrics);
    notes = List.copyOf(notes);
  }
}
