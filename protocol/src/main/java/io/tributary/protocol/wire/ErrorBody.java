package io.tributary.protocol.wire;

/**
 * Body of every error answer: {@code {"error": {"code": "…", "message": "…"}}}.
 *
 * @param error never null
 */
public record ErrorBody(Detail error) {

  /**
   * @param code snake_case code from PROTOCOL.md
   * @param message a human sentence that says what to do; never contains document data
   */
  public record Detail(String code, String message) {}

  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, message));
  }
}
