package io.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.collections.CollectionRules;
import io.tributary.protocol.merge.ClientResolves;
import io.tributary.protocol.merge.FieldMerge;
import io.tributary.protocol.merge.LastWriterWins;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PolicyRegistryTest {

  private static final ResolverLoader RESOLVERS = ResolverLoader.fromClasspath();

  private static PolicyRegistry registry(Map<String, String> config) {
    return PolicyRegistry.from(CollectionRules.from(config), RESOLVERS);
  }

  @Test
  void shouldBuildEachBuiltInPolicyAndTheDefaultForOtherCollections() {
    PolicyRegistry policies =
        registry(
            Map.of(
                "collections.default.policy", "client-resolves",
                "collection.todos.policy", "lww",
                "collection.notes.policy", "field-merge"));

    assertThat(policies.policyOf("todos")).isInstanceOf(LastWriterWins.class);
    assertThat(policies.policyOf("notes")).isInstanceOf(FieldMerge.class);
    assertThat(policies.policyOf("anything")).isInstanceOf(ClientResolves.class);
  }

  @Test
  void shouldGiveTheTimestampFieldToThePolicyAsAServerField() {
    PolicyRegistry policies =
        registry(
            Map.of(
                "collections",
                "{\"notes\": {\"policy\": \"field-merge\", \"timestampField\": \"updatedAt\"}}"));

    assertThat(((FieldMerge) policies.policyOf("notes")).serverFields())
        .containsExactly("updatedAt");
  }

  @Test
  void shouldPickAResolverOnTheClassPathByNameForItsCollection() {
    PolicyRegistry policies =
        registry(
            Map.of(
                "collection.todos.policy", "test-always-conflict",
                "collection.todos.timestamp.field", "at"));

    assertThat(policies.policyOf("todos"))
        .isEqualTo(
            new TestResolvers.RefuseAll("test-always-conflict", "todos", java.util.Set.of("at")));
  }

  @Test
  void shouldGiveEachUnconfiguredCollectionItsOwnInstanceOfADefaultResolver() {
    PolicyRegistry policies =
        registry(Map.of("collections.default.policy", "test-always-conflict"));

    assertThat(policies.policyOf("a"))
        .isEqualTo(new TestResolvers.RefuseAll("test-always-conflict", "a", java.util.Set.of()));
    assertThat(policies.policyOf("b"))
        .isEqualTo(new TestResolvers.RefuseAll("test-always-conflict", "b", java.util.Set.of()));
  }

  @Test
  void shouldFailNamingTheKeyAndListingTheKnownNamesForAnUnknownPolicy() {
    assertThatThrownBy(() -> registry(Map.of("collection.todos.policy", "merge")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.policy")
        .hasMessageContaining("lww, client-resolves, field-merge, test-always-conflict");
    assertThatThrownBy(() -> registry(Map.of("collections.default.policy", "merge")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collections.default.policy");
  }
}
