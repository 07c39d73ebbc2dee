package io.tributary.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parses a Prometheus text exposition with a real parser: the npm package {@code
 * parse-prometheus-text-format}, run by Node.js from {@code src/test/node} ({@code
 * parse-metrics.mjs}). A text that does not parse fails the calling test.
 */
final class PrometheusText {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PrometheusText() {}

  /**
   * @return the metric families by name; each has {@code type} and {@code metrics}, a list of
   *     samples with {@code labels} and {@code value} (or {@code count}, {@code sum} and {@code
   *     buckets} for histograms and summaries)
   */
  static Map<String, JsonNode> parse(String text) throws IOException, InterruptedException {
    Path project = Path.of(System.getProperty("tributary.node.project", "src/test/node"));
    assertThat(project.resolve("node_modules/parse-prometheus-text-format"))
        .as("run `npm ci` in %s (the build does it in pre-integration-test)", project)
        .exists();
    Path file = Files.createTempFile("metrics", ".txt");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder("node", "parse-metrics.mjs", file.toAbsolutePath().toString())
              .directory(project.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node finished").isTrue();
      assertThat(process.exitValue()).as("the parser's exit code (1: text did not parse)").isZero();
      Map<String, JsonNode> families = new LinkedHashMap<>();
      for (JsonNode family : MAPPER.readTree(out)) {
        families.put(family.path("name").asText(), family);
      }
      return families;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * How many observations a histogram family holds: its {@code count}, or its {@code +Inf} bucket.
   * The parser merges the samples of a histogram's label sets into one and keeps {@code count} only
   * when there are no labels besides {@code le}, so this is over all label sets.
   */
  static double observations(JsonNode histogram) {
    double total = 0;
    for (JsonNode sample : histogram.path("metrics")) {
      total +=
          sample.has("count")
              ? Double.parseDouble(sample.path("count").asText())
              : Double.parseDouble(sample.path("buckets").path("+Inf").asText("0"));
    }
    return total;
  }

  /** The sum of the values of a counter or gauge family's samples that carry all {@code labels}. */
  static double total(JsonNode family, Map<String, String> labels) {
    double total = 0;
    for (JsonNode sample : family.path("metrics")) {
      boolean matches =
          labels.entrySet().stream()
              .allMatch(e -> e.getValue().equals(sample.path("labels").path(e.getKey()).asText()));
      if (matches) {
        total += Double.parseDouble(sample.path("value").asText());
      }
    }
    return total;
  }
}
