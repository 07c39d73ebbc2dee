package io.tributary.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every YAML and JSON file of the deployment parses. */
class AllFilesParseTest {

  @Test
  void shouldParseEveryYamlAndJsonFileOfTheDeployment() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(RepoFiles.compose());
    try (Stream<Path> walk = Files.walk(RepoFiles.deploy())) {
      walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
          .forEach(files::add);
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    for (Path f : files) {
      if (f.toString().endsWith(".json")) {
        assertThat(RepoFiles.json(f).isObject()).as("%s is a JSON object", f).isTrue();
      } else {
        assertThat(RepoFiles.yamlDocuments(f))
            .as("documents of %s", f)
            .isNotEmpty()
            .allMatch(d -> d.isObject());
      }
    }
  }
}
