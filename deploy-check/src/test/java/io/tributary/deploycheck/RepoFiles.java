package io.tributary.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The deployment files of the repository, and parsers for them. */
final class RepoFiles {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  /** The uid of the Prometheus datasource every dashboard panel must use. */
  static final String DATASOURCE_UID = "tributary-prometheus";

  private RepoFiles() {}

  /** The repository root: the build passes it; from an IDE, the parent of the working dir. */
  static Path root() {
    String configured = System.getProperty("tributary.repo.root", "");
    Path root = configured.isBlank() ? Path.of("..") : Path.of(configured);
    return root.toAbsolutePath().normalize();
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  static Path compose() {
    return file("docker-compose.yml");
  }

  static Path deploy() {
    return file("deploy");
  }

  static Path dashboard() {
    return file("deploy/grafana/tributary-dashboard.json");
  }

  static Path alerts() {
    return file("deploy/kubernetes/alerts.yaml");
  }

  static Path composePrometheus() {
    return file("deploy/compose/prometheus.yml");
  }

  /** Every document of a YAML file (Kubernetes files hold several, split by {@code ---}). */
  static List<JsonNode> yamlDocuments(Path file) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
    return docs;
  }

  static JsonNode yaml(Path file) {
    List<JsonNode> docs = yamlDocuments(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + " holds " + docs.size() + " YAML documents, not 1");
    }
    return docs.get(0);
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }
}
