package io.tributary.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DocKeyTest {

  @Test
  void shouldRoundTripIdsThatContainSlashes() {
    DocKey key = new DocKey("acme", "todos", "a/b/c");

    assertThat(DocKey.parse(key.toKafkaKey())).isEqualTo(key);
  }

  @Test
  void shouldRefuseKeysWithoutThreeParts() {
    assertThatThrownBy(() -> DocKey.parse("acme/todos"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldValidateNamesAsTheProtocolSays() {
    assertThat(Names.isValidCollection("todos_2-x")).isTrue();
    assertThat(Names.isValidCollection("Todos")).isFalse();
    assertThat(Names.isValidCollection("2todos")).isFalse();
    assertThat(Names.isValidCollection("a".repeat(65))).isFalse();
    assertThat(Names.isValidRecordId("x".repeat(256))).isTrue();
    assertThat(Names.isValidRecordId("x".repeat(257))).isFalse();
    assertThat(Names.isValidRecordId("a\nb")).isFalse();
    assertThat(Names.isValidRecordId("")).isFalse();
    assertThat(Names.tenantProblem("acme")).isEmpty();
    assertThat(Names.tenantProblem("a/b")).isPresent();
    assertThat(Names.tenantProblem("")).isPresent();
  }
}
