package io.tributary.protocol.topic;

/** Bytes that are not a valid encoding of the expected type: a poison record, not a retry case. */
public final class CodecException extends RuntimeException {

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
