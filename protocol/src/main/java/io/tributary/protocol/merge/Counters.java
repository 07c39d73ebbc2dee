package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counter deltas: a top-level field value {@code {"$increment": n}} adds {@code n} to the field
 * (absent or not a number counts as 0). Integers stay exact as longs and widen to decimals rather
 * than overflow; decimals add exactly. Pure functions.
 */
public final class Counters {

  public static final String INCREMENT = "$increment";

  private Counters() {}

  /**
   * The fields of a change, split into plain values and increments.
   *
   * @param malformed true when a value looks like an increment ({@code $increment} key) but is not
   *     a valid one: the change must be refused with {@code invalid_increment}
   */
  public record Split(ObjectNode plain, Map<String, JsonNode> increments, boolean malformed) {}

  public static Split split(ObjectNode data) {
    ObjectNode plain = JsonNodeFactory.instance.objectNode();
    Map<String, JsonNode> increments = new LinkedHashMap<>();
    boolean malformed = false;
    if (data != null) {
      for (Map.Entry<String, JsonNode> e : data.properties()) {
        JsonNode v = e.getValue();
        if (v.isObject() && v.has(INCREMENT)) {
          if (isIncrement(v)) {
            increments.put(e.getKey(), v.get(INCREMENT));
          } else {
            malformed = true;
          }
        } else {
          plain.set(e.getKey(), v);
        }
      }
    }
    return new Split(plain, increments, malformed);
  }

  /** True for {@code {"$increment": n}} with a number {@code n} and no other key. */
  public static boolean isIncrement(JsonNode value) {
    return value.isObject()
        && value.size() == 1
        && value.get(INCREMENT) != null
        && value.get(INCREMENT).isNumber();
  }

  /** {@code current + delta}; a missing or non-numeric {@code current} counts as 0. */
  public static JsonNode add(JsonNode current, JsonNode delta) {
    JsonNode base = current != null && current.isNumber() ? current : null;
    if (base == null) {
      return normalize(delta);
    }
    if (base.canConvertToExactIntegral() && delta.canConvertToExactIntegral()) {
      if (base.canConvertToLong() && delta.canConvertToLong()) {
        long a = base.longValue();
        long b = delta.longValue();
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) >= 0) {
          return JsonNodeFactory.instance.numberNode(sum);
        }
      }
    }
    BigDecimal sum = base.decimalValue().add(delta.decimalValue());
    return normalize(JsonNodeFactory.instance.numberNode(sum));
  }

  private static JsonNode normalize(JsonNode n) {
    if (n.canConvertToExactIntegral() && n.canConvertToLong()) {
      return JsonNodeFactory.instance.numberNode(n.longValue());
    }
    return JsonNodeFactory.instance.numberNode(n.decimalValue().stripTrailingZeros());
  }
}
