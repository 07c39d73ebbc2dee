package io.tributary.ingest.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checks and clean-up every pushed document goes through, in both dialects. */
final class DocumentRules {

  static final String INCREMENT = "$increment";

  private final int maxBytes;

  DocumentRules(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** A copy of {@code doc} without reserved ({@code _}-prefixed) fields. */
  static ObjectNode withoutReserved(ObjectNode doc) {
    ObjectNode copy = doc.deepCopy();
    List<String> reserved = new ArrayList<>();
    copy.fieldNames()
        .forEachRemaining(
            name -> {
              if (name.startsWith("_")) {
                reserved.add(name);
              }
            });
    copy.remove(reserved);
    return copy;
  }

  /**
   * The problem code of a document, if any: {@code invalid_increment}, {@code document_too_large}.
   */
  Optional<String> problem(ObjectNode data) {
    for (Map.Entry<String, JsonNode> field : data.properties()) {
      JsonNode value = field.getValue();
      if (value.isObject() && value.has(INCREMENT) && !isValidIncrement(value)) {
        return Optional.of("invalid_increment");
      }
    }
    try {
      if (Json.mapper().writeValueAsBytes(data).length > maxBytes) {
        return Optional.of("document_too_large");
      }
    } catch (JsonProcessingException e) {
      return Optional.of("invalid_data");
    }
    return Optional.empty();
  }

  private static boolean isValidIncrement(JsonNode value) {
    JsonNode delta = value.get(INCREMENT);
    return value.size() == 1 && delta.isNumber() && Double.isFinite(delta.asDouble());
  }

  static String messageFor(String code, int maxBytes) {
    return switch (code) {
      case "invalid_increment" ->
          "A {\"$increment\": n} field needs a finite number n and nothing else.";
      case "document_too_large" ->
          "The document is larger than " + maxBytes + " bytes; make it smaller.";
      default -> "The document cannot be stored; send a JSON object.";
    };
  }

  int maxBytes() {
    return maxBytes;
  }
}
