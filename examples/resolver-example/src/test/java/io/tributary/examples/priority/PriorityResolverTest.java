package io.tributary.examples.priority;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.spi.ResolverProvider;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PriorityResolverTest {

  @Test
  void shouldBeFoundByServiceLoaderUnderTheNamePriority() {
    // Given this module's class path, When the projector's way of finding resolvers runs
    var names =
        ServiceLoader.load(ResolverProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .map(ResolverProvider::name)
            .toList();

    // Then the priority resolver is registered
    assertThat(names).containsExactly("priority");
  }

  @Test
  void shouldCreateAPriorityPolicyThatKnowsTheServerSetFields() {
    ConflictPolicy policy = new PriorityResolver().create("scores", Set.of("updatedAt"));

    assertThat(policy).isInstanceOf(PriorityPolicy.class);
    assertThat(policy.name()).isEqualTo("priority");
    assertThat(policy.serverFields()).containsExactly("updatedAt");
  }
}
