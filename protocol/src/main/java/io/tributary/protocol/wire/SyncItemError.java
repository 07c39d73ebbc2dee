package io.tributary.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Dialect A: one change that was not applied because it is invalid.
 *
 * @param id the client's change id as sent (null when it had none)
 * @param error a human sentence (never contains document data)
 * @param code snake_case code, e.g. {@code invalid_collection}, {@code document_too_large}
 * @param status an HTTP-like status of the item, e.g. 422 for {@code schema_violation}; null when
 *     the code says it all
 * @param path JSON path of the failing field, e.g. {@code $.title}, for schema violations; else
 *     null
 */
public record SyncItemError(
    String id,
    String error,
    String code,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer status,
    @JsonInclude(JsonInclude.Include.NON_NULL) String path) {

  /** An error without status and path. */
  public SyncItemError(String id, String error, String code) {
    this(id, error, code, null, null);
  }
}
