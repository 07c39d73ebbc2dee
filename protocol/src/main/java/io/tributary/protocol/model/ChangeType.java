package io.tributary.protocol.model;

/** What a client said it did. {@code CREATE} and {@code UPDATE} both write the full new state. */
public enum ChangeType {
  CREATE,
  UPDATE,
  DELETE;

  /** Parses the wire form ({@code "create"}, {@code "update"}, {@code "delete"}), or null. */
  public static ChangeType fromWire(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "create" -> CREATE;
      case "update" -> UPDATE;
      case "delete" -> DELETE;
      default -> null;
    };
  }

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
