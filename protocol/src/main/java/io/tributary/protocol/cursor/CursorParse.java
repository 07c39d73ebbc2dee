package io.tributary.protocol.cursor;

/** The result of reading a client's cursor string: a cursor, or why it was refused. */
public sealed interface CursorParse {

  /** A cursor this server issued to this tenant. */
  record Valid(Cursor cursor) implements CursorParse {}

  /**
   * Not a cursor this server issued to this tenant: garbled, forged, of another tenant, or of an
   * unknown format version. The client gets 400.
   */
  record Invalid(String reason) implements CursorParse {}
}
