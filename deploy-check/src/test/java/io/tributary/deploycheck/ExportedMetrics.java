package io.tributary.deploycheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The metric names Tributary's services export: the one list dashboards and alerts are checked
 * against. It is the output of real scrapes, kept in {@code src/test/resources/scraped-metrics/}
 * ({@code ingest.txt}, {@code projector.txt}); docs/deploy.md says how to take them again. Series
 * names as Prometheus stores them ({@code _total}, {@code _bucket}, {@code _seconds}).
 */
final class ExportedMetrics {

  /** Series Prometheus makes up for every scrape target, without the target exporting them. */
  static final Set<String> SYNTHESIZED_BY_PROMETHEUS = Set.of("up");

  private static final Set<String> INGEST = load("scraped-metrics/ingest.txt");
  private static final Set<String> PROJECTOR = load("scraped-metrics/projector.txt");

  private ExportedMetrics() {}

  static Set<String> ingest() {
    return INGEST;
  }

  static Set<String> projector() {
    return PROJECTOR;
  }

  /** Whether a query may select {@code name}: a service exports it or Prometheus adds it. */
  static boolean isKnown(String name) {
    return INGEST.contains(name)
        || PROJECTOR.contains(name)
        || SYNTHESIZED_BY_PROMETHEUS.contains(name);
  }

  /** Tributary's own metric families: {@code tributary_*} without the histogram suffixes. */
  static Set<String> tributaryFamilies() {
    Set<String> all = new TreeSet<>(INGEST);
    all.addAll(PROJECTOR);
    return all.stream()
        .filter(n -> n.startsWith("tributary_"))
        .map(n -> n.replaceFirst("_(bucket|count|sum|max)$", ""))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> load(String resource) {
    InputStream in = ExportedMetrics.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines()
          .map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
