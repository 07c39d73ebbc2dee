package io.tributary.common.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionRulesTest {

  @Test
  void shouldKnowEveryValidCollectionWithTheDefaultPolicyInOpenMode() {
    CollectionRules rules =
        CollectionRules.from(Map.of("collections.default.policy", "field-merge"));

    assertThat(rules.strict()).isFalse();
    assertThat(rules.isKnown("anything")).isTrue();
    assertThat(rules.isKnown("Not Valid")).isFalse();
    assertThat(rules.of("anything"))
        .isEqualTo(new CollectionConfig("field-merge", null, null, null));
  }

  @Test
  void shouldKnowOnlyConfiguredCollectionsInStrictMode() {
    CollectionRules rules =
        CollectionRules.from(
            Map.of("collections.strict", "true", "collection.todos.policy", "client-resolves"));

    assertThat(rules.isKnown("todos")).isTrue();
    assertThat(rules.isKnown("notes")).isFalse();
    assertThat(rules.configuredNames()).containsExactly("todos");
  }

  @Test
  void shouldReadEverySettingOfTheKeysAndLoadTheSchemaFile(@TempDir Path dir) throws Exception {
    Path schema = dir.resolve("todo.schema.json");
    Files.writeString(schema, "{\"type\": \"object\", \"required\": [\"title\"]}");

    CollectionRules rules =
        CollectionRules.from(
            Map.of(
                "collection.todos.policy", "field-merge",
                "collection.todos.timestamp.field", "updatedAt",
                "collection.todos.max.document.bytes", "1024",
                "collection.todos.schema", schema.toString()));

    CollectionConfig todos = rules.of("todos");
    assertThat(todos.policy()).isEqualTo("field-merge");
    assertThat(todos.timestampField()).isEqualTo("updatedAt");
    assertThat(todos.serverFields()).containsExactly("updatedAt");
    assertThat(todos.maxDocumentBytes()).isEqualTo(1024);
    assertThat(todos.schema().path("required").get(0).asText()).isEqualTo("title");
  }

  @Test
  void shouldGiveAConfiguredCollectionWithoutPolicyTheDefaultPolicy() {
    CollectionRules rules =
        CollectionRules.from(
            Map.of(
                "collections.default.policy", "client-resolves",
                "collection.todos.timestamp.field", "updatedAt"));

    assertThat(rules.of("todos").policy()).isEqualTo("client-resolves");
  }

  @Test
  void shouldLetTheJsonOverrideTheKeysFieldByField() {
    CollectionRules rules =
        CollectionRules.from(
            Map.of(
                "collection.todos.policy", "lww",
                "collection.todos.max.document.bytes", "100",
                "collections",
                    "{\"todos\": {\"policy\": \"field-merge\"},"
                        + " \"my_notes\": {\"timestampField\": \"at\", \"maxDocumentBytes\": 2048,"
                        + " \"schema\": {\"type\": \"object\"}}}"));

    assertThat(rules.of("todos")).isEqualTo(new CollectionConfig("field-merge", null, 100, null));
    CollectionConfig notes = rules.of("my_notes");
    assertThat(notes.policy()).isEqualTo("lww");
    assertThat(notes.timestampField()).isEqualTo("at");
    assertThat(notes.maxDocumentBytes()).isEqualTo(2048);
    assertThat(notes.schema().path("type").asText()).isEqualTo("object");
  }

  @Test
  void shouldFailNamingTheKeyOfAnInvalidCollectionName() {
    assertThatThrownBy(() -> CollectionRules.from(Map.of("collection.Bad Name.policy", "lww")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.Bad Name.policy");
  }

  @Test
  void shouldFailNamingTheKeyOfANonPositiveSize() {
    assertThatThrownBy(
            () -> CollectionRules.from(Map.of("collection.todos.max.document.bytes", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.max.document.bytes");
    assertThatThrownBy(
            () -> CollectionRules.from(Map.of("collection.todos.max.document.bytes", "big")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.max.document.bytes");
  }

  @Test
  void shouldFailNamingTheKeyOfAnEmptyPolicy() {
    assertThatThrownBy(() -> CollectionRules.from(Map.of("collection.todos.policy", " ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.policy");
  }

  @Test
  void shouldFailNamingTheKeyOfAnUnreadableSchemaFile(@TempDir Path dir) {
    String missing = dir.resolve("missing.json").toString();

    assertThatThrownBy(() -> CollectionRules.from(Map.of("collection.todos.schema", missing)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.schema");
  }

  @Test
  void shouldFailNamingTheKeyOfASchemaFileThatIsNotJson(@TempDir Path dir) throws Exception {
    Path schema = dir.resolve("broken.json");
    Files.writeString(schema, "{\"type\": ");

    assertThatThrownBy(
            () -> CollectionRules.from(Map.of("collection.todos.schema", schema.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.schema")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void shouldFailNamingTheCollectionsKeyForBadJson() {
    assertThatThrownBy(() -> CollectionRules.from(Map.of("collections", "{todos:")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collections");
    assertThatThrownBy(() -> CollectionRules.from(Map.of("collections", "[1]")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collections");
  }

  @Test
  void shouldFailNamingTheEntryOfTheJsonThatIsInvalid() {
    assertThatThrownBy(
            () ->
                CollectionRules.from(
                    Map.of("collections", "{\"todos\": {\"maxDocumentBytes\": -5}}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collections (todos.maxDocumentBytes)");
    assertThatThrownBy(
            () -> CollectionRules.from(Map.of("collections", "{\"Todos\": {\"policy\": \"lww\"}}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Todos");
    assertThatThrownBy(
            () -> CollectionRules.from(Map.of("collections", "{\"todos\": {\"polcy\": \"lww\"}}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("polcy");
  }

  @Test
  void shouldRefuseAReservedTimestampField() {
    assertThatThrownBy(
            () -> CollectionRules.from(Map.of("collection.todos.timestamp.field", "_rev")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.timestamp.field");
  }

  @Test
  void shouldFailNamingTheKeyOfAnUnknownCollectionSetting() {
    assertThatThrownBy(() -> CollectionRules.from(Map.of("collection.todos.polcy", "lww")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.polcy");
  }

  @Test
  void shouldFailNamingTheKeyOfABadStrictFlag() {
    assertThatThrownBy(() -> CollectionRules.from(Map.of("collections.strict", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collections.strict");
  }
}
