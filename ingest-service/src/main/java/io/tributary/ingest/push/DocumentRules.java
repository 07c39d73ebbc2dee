package io.tributary.ingest.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.collections.CollectionConfig;
import io.tributary.common.collections.CollectionRules;
import io.tributary.ingest.collections.CollectionSchemas;
import io.tributary.ingest.collections.SchemaViolation;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The checks and clean-up every pushed document goes through, in both dialects: counter shape, the
 * collection's size limit, the collection's JSON Schema. Thread-safe.
 */
final class DocumentRules {

  static final String INCREMENT = "$increment";

  private final int defaultMaxBytes;
  private final CollectionRules collections;
  private final CollectionSchemas schemas;
  private final LongSupplier clockMillis;

  /**
   * @param defaultMaxBytes {@code document.max.bytes}, for collections without their own limit
   * @param clockMillis the time the schema sees in a collection's timestamp field
   */
  DocumentRules(
      int defaultMaxBytes,
      CollectionRules collections,
      CollectionSchemas schemas,
      LongSupplier clockMillis) {
    this.defaultMaxBytes = defaultMaxBytes;
    this.collections = collections;
    this.schemas = schemas;
    this.clockMillis = clockMillis;
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
   * Why {@code data} (without reserved fields, with its id) cannot be written to {@code
   * collection}, if it cannot. Deletes are not checked against the schema.
   */
  Optional<DocumentProblem> problem(String collection, ChangeType type, ObjectNode data) {
    for (Map.Entry<String, JsonNode> field : data.properties()) {
      JsonNode value = field.getValue();
      if (value.isObject() && value.has(INCREMENT) && !isValidIncrement(value)) {
        return Optional.of(
            DocumentProblem.of(
                "invalid_increment",
                "Field "
                    + field.getKey()
                    + ": a {\"$increment\": n} value needs a finite number n and nothing else."));
      }
    }
    CollectionConfig config = collections.of(collection);
    int maxBytes = config.maxDocumentBytes() != null ? config.maxDocumentBytes() : defaultMaxBytes;
    try {
      if (Json.mapper().writeValueAsBytes(data).length > maxBytes) {
        return Optional.of(
            DocumentProblem.of(
                "document_too_large",
                "The document is larger than " + maxBytes + " bytes; make it smaller."));
      }
    } catch (JsonProcessingException e) {
      return Optional.of(
          DocumentProblem.of("invalid_data", "The document cannot be stored; send a JSON object."));
    }
    if (type == ChangeType.DELETE) {
      return Optional.empty();
    }
    return schemas
        .violation(collection, storedForm(data, config.timestampField()))
        .map(DocumentRules::schemaProblem);
  }

  /** The document as it will be stored: counters as their numbers, the server's timestamp set. */
  private ObjectNode storedForm(ObjectNode data, String timestampField) {
    ObjectNode stored = data.deepCopy();
    for (Map.Entry<String, JsonNode> field : data.properties()) {
      JsonNode value = field.getValue();
      if (value.isObject() && value.has(INCREMENT)) {
        stored.set(field.getKey(), value.get(INCREMENT));
      }
    }
    if (timestampField != null) {
      stored.put(timestampField, clockMillis.getAsLong());
    }
    return stored;
  }

  private static DocumentProblem schemaProblem(SchemaViolation violation) {
    return new DocumentProblem(
        "schema_violation",
        violation.message() + "; fix the document to match the collection's schema.",
        422,
        violation.path());
  }

  /** A top-level {@code {"$increment": n}} with a finite JSON number n and no other key. */
  static boolean isValidIncrement(JsonNode value) {
    JsonNode delta = value.get(INCREMENT);
    return value.size() == 1 && delta.isNumber() && Double.isFinite(delta.asDouble());
  }
}
