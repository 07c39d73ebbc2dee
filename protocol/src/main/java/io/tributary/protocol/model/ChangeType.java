package io.tributary.protocol.model;

/**
 * What a client said it did. {@code CREATE} and {@code UPDATE} both write the full new state.
 * {@code RESET} is no client's: it is the admin API's tenant reset (see {@link
 * ChangeRecord#tenantReset}), and {@link #fromWire} never returns it.
 */
public enum ChangeType {
  CREATE,
  UPDATE,
  DELETE,
  RESET;

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
