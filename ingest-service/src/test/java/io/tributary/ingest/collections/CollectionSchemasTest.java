package io.tributary.ingest.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.common.collections.CollectionRules;
import io.tributary.protocol.json.Json;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class CollectionSchemasTest {

  private static final String TODO_SCHEMA =
      "{\"todos\": {\"schema\": {\"type\": \"object\", \"required\": [\"title\"],"
          + " \"properties\": {\"title\": {\"type\": \"string\"},"
          + " \"done\": {\"type\": \"boolean\"}}}}}";

  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  private final CollectionSchemas schemas =
      CollectionSchemas.compile(CollectionRules.from(Map.of("collections", TODO_SCHEMA)));

  @Test
  void shouldNameTheMissingRequiredField() throws Exception {
    SchemaViolation violation =
        schemas.violation("todos", json("{\"id\": \"t1\", \"done\": true}")).orElseThrow();

    assertThat(violation.path()).isEqualTo("$.title");
    assertThat(violation.message()).startsWith("$.title: ").contains("title");
  }

  @Test
  void shouldNameTheFieldOfTheWrongType() throws Exception {
    SchemaViolation violation =
        schemas.violation("todos", json("{\"id\": \"t1\", \"title\": 5}")).orElseThrow();

    assertThat(violation.path()).isEqualTo("$.title");
  }

  @Test
  void shouldAcceptAValidDocumentAndCollectionsWithoutSchema() throws Exception {
    assertThat(schemas.violation("todos", json("{\"id\": \"t1\", \"title\": \"x\"}"))).isEmpty();
    assertThat(schemas.violation("notes", json("{\"anything\": 1}"))).isEmpty();
  }

  @Test
  void shouldFailAtStartNamingTheKeyOfASchemaThatCannotCompile() {
    CollectionRules rules =
        CollectionRules.from(
            Map.of("collections", "{\"todos\": {\"schema\": {\"type\": \"no-such-type\"}}}"));

    assertThatThrownBy(() -> CollectionSchemas.compile(rules).violation("todos", json("{}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.schema");
  }
}
