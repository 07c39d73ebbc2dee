package io.tributary.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Dialect B: a row of a push that was not applied, listed in the {@value #HEADER} response header
 * as a compact JSON array, because RxDB's answer body (the conflicting master documents) has no
 * place for per-row errors.
 *
 * @param index the row's position in the request array, from 0
 * @param code snake_case code, e.g. {@code invalid_record_id}
 * @param path JSON path of the failing field, e.g. {@code $.title}, for schema violations; else
 *     null
 */
public record RxdbRowError(
    int index, String code, @JsonInclude(JsonInclude.Include.NON_NULL) String path) {

  public static final String HEADER = "Tributary-Errors";

  /** An error without a path. */
  public RxdbRowError(int index, String code) {
    this(index, code, null);
  }
}
