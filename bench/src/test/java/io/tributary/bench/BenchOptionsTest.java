package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.bench.client.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void shouldOverrideDefaultsWithArguments() {
    BenchOptions o = BenchOptions.parse(List.of("--clients=4", "--pull.docs=10"));

    assertThat(o.integer("clients")).isEqualTo(4);
    assertThat(o.integer("pull.docs")).isEqualTo(10);
    assertThat(o.integer("batch")).isEqualTo(50);
  }

  @Test
  void shouldRefuseUnknownKeysAndMalformedArguments() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--client=4")))
        .hasMessageContaining("Unknown option --client");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("clients=4")))
        .hasMessageContaining("--key=value");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--clients=x")).integer("clients"))
        .hasMessageContaining("--clients must be an integer");
  }

  @Test
  void shouldPassServerConfigEntriesToTheServerInOrder() {
    BenchOptions o =
        BenchOptions.parse(
            List.of("--server.config=kafka.linger.ms=5, push.max.changes=200,,a=b=c"));

    assertThat(RunContext.extraServerKeys(o))
        .containsExactly(
            Map.entry("kafka.linger.ms", "5"),
            Map.entry("push.max.changes", "200"),
            Map.entry("a", "b=c"));
    assertThat(RunContext.serverConfig(o, Tokens.random()))
        .containsEntry("kafka.linger.ms", "5")
        .containsKey("auth.hs256.secret");
  }

  @Test
  void shouldRefuseServerConfigEntriesWithoutAValue() {
    BenchOptions o = BenchOptions.parse(List.of("--server.config=kafka.linger.ms"));

    assertThatThrownBy(() -> RunContext.extraServerKeys(o))
        .hasMessageContaining("'kafka.linger.ms' is not key=value");
  }
}
