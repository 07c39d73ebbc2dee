package io.tributary.ingest.push;

/**
 * Why a pushed document cannot be stored.
 *
 * @param code snake_case code: {@code invalid_increment}, {@code document_too_large}, {@code
 *     schema_violation}, {@code invalid_data}
 * @param message what to fix (never contains document data)
 * @param status 422 for a schema violation, else null
 * @param path the failing field's JSON path for a schema violation, else null
 */
record DocumentProblem(String code, String message, Integer status, String path) {

  static DocumentProblem of(String code, String message) {
    return new DocumentProblem(code, message, null, null);
  }
}
