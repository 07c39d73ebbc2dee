package io.tributary.protocol.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code field-merge} policy's clocks of one document, kept in the projector's state and never
 * shown to clients: per top-level field, the stamp of the write that last set or removed it, and
 * the stamp of the latest delete. Fields last written at or before the delete are forgotten: they
 * are hidden for good, and any write that could reveal them again is later than the delete.
 * Immutable.
 *
 * @param fields field name → stamp of its last write (present or removed), all after {@code
 *     deletedAt}
 * @param deletedAt stamp of the latest delete, or null if none
 */
public record FieldStamps(Map<String, Stamp> fields, Stamp deletedAt) {

  public static final FieldStamps EMPTY = new FieldStamps(Map.of(), null);

  public FieldStamps {
    fields = Collections.unmodifiableMap(new TreeMap<>(fields == null ? Map.of() : fields));
  }
}
