package io.tributary.protocol.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tributary.protocol.json.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CountersTest {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void shouldStartAnAbsentOrNonNumericFieldAtZero() {
    assertThat(Counters.add(null, F.numberNode(5))).isEqualTo(F.numberNode(5L));
    assertThat(Counters.add(F.textNode("x"), F.numberNode(-2))).isEqualTo(F.numberNode(-2L));
  }

  @Test
  void shouldAddIntegersExactlyAndWidenInsteadOfOverflowing() {
    JsonNode sum = Counters.add(F.numberNode(Long.MAX_VALUE), F.numberNode(1));

    assertThat(sum.decimalValue())
        .isEqualTo(BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.ONE));
  }

  @Test
  void shouldAddDecimalsExactly() throws Exception {
    JsonNode a = Json.mapper().readTree("0.1");
    JsonNode b = Json.mapper().readTree("0.2");

    assertThat(Json.mapper().writeValueAsString(Counters.add(a, b))).isEqualTo("0.3");
  }

  @Test
  void shouldSplitIncrementsFromPlainFieldsAndFlagMalformedOnes() throws Exception {
    var ok =
        Counters.split(
            (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree("{\"likes\":{\"$increment\":2},\"title\":\"t\"}"));
    var bad =
        Counters.split(
            (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree("{\"likes\":{\"$increment\":\"2\"}}"));
    var extraKey =
        Counters.split(
            (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree("{\"likes\":{\"$increment\":2,\"x\":1}}"));

    assertThat(ok.increments()).containsOnlyKeys("likes");
    assertThat(ok.plain().fieldNames()).toIterable().containsExactly("title");
    assertThat(ok.malformed()).isFalse();
    assertThat(bad.malformed()).isTrue();
    assertThat(extraKey.malformed()).isTrue();
  }
}
