package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
}
