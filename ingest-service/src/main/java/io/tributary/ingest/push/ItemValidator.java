package io.tributary.ingest.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.collections.CollectionRules;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.collections.CollectionSchemas;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeType;
import io.tributary.protocol.model.Names;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Validates the items of a push, one at a time, in both dialects. A bad item yields {@link
 * ItemCheck.Bad} and never an exception, so it cannot fail its batch. Thread-safe.
 */
public final class ItemValidator {

  private final DocumentRules rules;
  private final CollectionRules collections;

  /**
   * @param documentMaxBytes the largest serialised document accepted where a collection sets no
   *     limit of its own
   * @param collections which collections exist and their limits
   * @param schemas the compiled JSON Schemas of the collections
   */
  public ItemValidator(
      int documentMaxBytes, CollectionRules collections, CollectionSchemas schemas) {
    this.rules =
        new DocumentRules(documentMaxBytes, collections, schemas, System::currentTimeMillis);
    this.collections = collections;
  }

  /** A validator of open mode: every valid collection, no schemas. */
  public ItemValidator(int documentMaxBytes) {
    this(documentMaxBytes, CollectionRules.from(Map.of()), CollectionSchemas.none());
  }

  /** Dialect A: one element of {@code changes}. */
  public ItemCheck syncChange(int index, JsonNode node, Principal principal) {
    if (node == null || !node.isObject()) {
      return bad(index, null, "invalid_change", "Each change must be a JSON object.");
    }
    String changeId = text(node, "id");
    if (!Names.isValidChangeId(changeId)) {
      return bad(
          index,
          changeId,
          "invalid_change_id",
          "Give the change an id of 1 to 256 characters without control characters.");
    }
    String collection = text(node, "collection");
    if (!Names.isValidCollection(collection)) {
      return bad(
          index, changeId, "invalid_collection", "Name the collection with [a-z][a-z0-9_-]{0,63}.");
    }
    if (!principal.mayTouch(collection)) {
      return bad(index, changeId, "forbidden", "The token may not write this collection.");
    }
    if (!collections.isKnown(collection)) {
      return bad(
          index, changeId, CollectionGuard.UNKNOWN_COLLECTION, CollectionGuard.message(collection));
    }
    String recordId = text(node, "recordId");
    if (!Names.isValidRecordId(recordId)) {
      return bad(
          index,
          changeId,
          "invalid_record_id",
          "Give the record an id of 1 to 256 characters without control characters.");
    }
    ChangeType type = ChangeType.fromWire(text(node, "type"));
    if (type == null) {
      return bad(index, changeId, "invalid_type", "Set type to create, update or delete.");
    }
    JsonNode rawData = node.get("data");
    ObjectNode data;
    if (rawData != null && rawData.isObject()) {
      data = DocumentRules.withoutReserved((ObjectNode) rawData);
    } else if (type == ChangeType.DELETE && (rawData == null || rawData.isNull())) {
      data = null;
    } else {
      return bad(index, changeId, "invalid_data", "Send data as a JSON object.");
    }
    if (data != null && !setId(data, recordId)) {
      return bad(
          index,
          changeId,
          "invalid_record_id",
          "data.id differs from recordId; make them equal or leave data.id out.");
    }
    if (data != null) {
      Optional<DocumentProblem> problem = rules.problem(collection, type, data);
      if (problem.isPresent()) {
        return bad(index, changeId, problem.get());
      }
    }
    Base base;
    JsonNode baseRev = node.get("baseRev");
    JsonNode prevData = node.get("prevData");
    if (baseRev != null && !baseRev.isNull()) {
      if (!baseRev.isTextual() || baseRev.asText().isEmpty()) {
        return bad(
            index, changeId, "invalid_base_rev", "Send baseRev as the rev string you edited.");
      }
      base = Base.rev(baseRev.asText());
    } else if (prevData != null && !prevData.isNull()) {
      if (!prevData.isObject()) {
        return bad(index, changeId, "invalid_data", "Send prevData as a JSON object.");
      }
      ObjectNode prev = DocumentRules.withoutReserved((ObjectNode) prevData);
      prev.put("id", recordId);
      base = Base.state(prev, false);
    } else {
      base = Base.none();
    }
    Optional<Long> timestamp;
    try {
      timestamp = timestamp(node.get("timestamp"));
    } catch (IllegalArgumentException e) {
      return bad(
          index,
          changeId,
          "invalid_timestamp",
          "Send timestamp as epoch milliseconds or an ISO-8601 instant, or leave it out.");
    }
    return new ItemCheck.Ok(
        new PushItem(
            index, changeId, collection, recordId, type, data, base, timestamp.orElse(null)));
  }

  /**
   * Dialect B: one row of an RxDB push to {@code collection} (already checked by the caller, also
   * against strict mode).
   */
  public ItemCheck rxdbRow(int index, String collection, JsonNode row) {
    if (row == null || !row.isObject()) {
      return bad(
          index, null, "invalid_row", "Each row must be {assumedMasterState, newDocumentState}.");
    }
    String changeId = null;
    JsonNode rawChangeId = row.get("changeId");
    if (rawChangeId != null && !rawChangeId.isNull()) {
      changeId = rawChangeId.isTextual() ? rawChangeId.asText() : null;
      if (!Names.isValidChangeId(changeId)) {
        return bad(
            index,
            changeId,
            "invalid_change_id",
            "Give changeId 1 to 256 characters without control characters, or leave it out.");
      }
    }
    JsonNode next = row.get("newDocumentState");
    if (next == null || !next.isObject()) {
      return bad(index, changeId, "invalid_data", "Send newDocumentState as a JSON object.");
    }
    String recordId = text(next, "id");
    if (!Names.isValidRecordId(recordId)) {
      return bad(
          index,
          changeId,
          "invalid_record_id",
          "Give the document a string id of 1 to 256 characters without control characters.");
    }
    Optional<Boolean> deleted = deletedFlag(next);
    if (deleted.isEmpty()) {
      return bad(index, changeId, "invalid_data", "Send _deleted as a boolean.");
    }
    ObjectNode data = DocumentRules.withoutReserved((ObjectNode) next);
    Optional<DocumentProblem> problem =
        rules.problem(collection, deleted.get() ? ChangeType.DELETE : ChangeType.UPDATE, data);
    if (problem.isPresent()) {
      return bad(index, changeId, problem.get());
    }
    JsonNode assumed = row.get("assumedMasterState");
    Base base;
    if (assumed == null || assumed.isNull()) {
      base = Base.assumedAbsent();
    } else if (assumed.isObject()) {
      Optional<Boolean> assumedDeleted = deletedFlag(assumed);
      if (assumedDeleted.isEmpty()) {
        return bad(index, changeId, "invalid_data", "Send _deleted as a boolean.");
      }
      base = Base.state(DocumentRules.withoutReserved((ObjectNode) assumed), assumedDeleted.get());
    } else {
      return bad(
          index, changeId, "invalid_data", "Send assumedMasterState as a JSON object or null.");
    }
    ChangeType type =
        deleted.get()
            ? ChangeType.DELETE
            : (base.state() == null ? ChangeType.CREATE : ChangeType.UPDATE);
    return new ItemCheck.Ok(
        new PushItem(
            index,
            changeId == null ? UUID.randomUUID().toString() : changeId,
            collection,
            recordId,
            type,
            data,
            base,
            null));
  }

  private static Optional<Boolean> deletedFlag(JsonNode doc) {
    JsonNode flag = doc.get("_deleted");
    if (flag == null || flag.isNull()) {
      return Optional.of(false);
    }
    return flag.isBoolean() ? Optional.of(flag.asBoolean()) : Optional.empty();
  }

  private static boolean setId(ObjectNode data, String recordId) {
    JsonNode id = data.get("id");
    if (id != null && !(id.isTextual() && id.asText().equals(recordId))) {
      return false;
    }
    data.put("id", recordId);
    return true;
  }

  private static Optional<Long> timestamp(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Optional.of(node.asLong());
    }
    if (node.isNumber() && Double.isFinite(node.asDouble())) {
      return Optional.of((long) node.asDouble());
    }
    if (node.isTextual()) {
      try {
        return Optional.of(Instant.parse(node.asText()).toEpochMilli());
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new IllegalArgumentException("not a timestamp", e);
      }
    }
    throw new IllegalArgumentException("not a timestamp");
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static ItemCheck bad(int index, String changeId, String code, String message) {
    return new ItemCheck.Bad(index, changeId, code, message);
  }

  private static ItemCheck bad(int index, String changeId, DocumentProblem problem) {
    return new ItemCheck.Bad(
        index, changeId, problem.code(), problem.message(), problem.status(), problem.path());
  }
}
