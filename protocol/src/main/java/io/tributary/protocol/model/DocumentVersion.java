package io.tributary.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One accepted version of a document: the projector's stored state and the value of the {@code
 * documents} topic.
 *
 * <p>Immutable; {@code data} must not be modified after construction.
 *
 * @param data the document's fields without reserved ones, never null (a tombstone holds the fields
 *     its delete carried, possibly none)
 * @param deleted true for a tombstone
 * @param rev the opaque revision, derived from the position ({@link Revisions#of})
 * @param partition the {@code changes} partition of the change that produced this version
 * @param offset the {@code changes} offset of that change: the version's position
 * @param hlc the server clock stamp of that change
 * @param lwwTime the last-writer-wins time of that change
 * @param changeId the change id that produced this version
 * @param counters names of the fields that are counters (have received {@code $increment}s),
 *     sorted; empty when none
 * @param fieldStamps the {@code field-merge} policy's clocks, or null under other policies
 */
// The position comes first in the JSON so a reader after the offset alone (the projector's scan,
// which checks a stored version against its index entry) stops after a few tokens.
@JsonPropertyOrder({"offset", "partition"})
public record DocumentVersion(
    String tenant,
    String collection,
    String id,
    ObjectNode data,
    boolean deleted,
    String rev,
    int partition,
    long offset,
    long hlc,
    long lwwTime,
    String changeId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> counters,
    @JsonInclude(JsonInclude.Include.NON_NULL) FieldStamps fieldStamps) {

  public DocumentVersion {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(rev, "rev");
    counters = counters == null ? List.of() : List.copyOf(counters);
  }

  /** A version without counters or field clocks. */
  public DocumentVersion(
      String tenant,
      String collection,
      String id,
      ObjectNode data,
      boolean deleted,
      String rev,
      int partition,
      long offset,
      long hlc,
      long lwwTime,
      String changeId) {
    this(
        tenant,
        collection,
        id,
        data,
        deleted,
        rev,
        partition,
        offset,
        hlc,
        lwwTime,
        changeId,
        List.of(),
        null);
  }

  @JsonIgnore
  public DocKey key() {
    return new DocKey(tenant, collection, id);
  }

  @JsonIgnore
  public Position position() {
    return new Position(partition, offset);
  }
}
