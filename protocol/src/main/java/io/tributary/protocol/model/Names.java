package io.tributary.protocol.model;

import java.util.Optional;
import java.util.regex.Pattern;

/** Validation of the names clients send: collections, record ids, change ids, tenants. */
public final class Names {

  /** PROTOCOL.md: {@code [a-z][a-z0-9_-]{0,63}}. */
  private static final Pattern COLLECTION = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  public static final int MAX_ID_LENGTH = 256;
  public static final int MAX_TENANT_LENGTH = 128;

  private Names() {}

  public static boolean isValidCollection(String name) {
    return name != null && COLLECTION.matcher(name).matches();
  }

  /** A record id: 1–256 characters, no control characters. */
  public static boolean isValidRecordId(String id) {
    return id != null && !id.isEmpty() && id.length() <= MAX_ID_LENGTH && !hasControl(id);
  }

  /** A client change id follows the record id rules. */
  public static boolean isValidChangeId(String id) {
    return isValidRecordId(id);
  }

  /**
   * A tenant id (the token's {@code tid} claim): 1–128 characters, no control characters and no
   * {@code '/'}, which separates the parts of a {@link DocKey}.
   */
  public static Optional<String> tenantProblem(String tenant) {
    if (tenant == null || tenant.isEmpty()) {
      return Optional.of("tenant is empty");
    }
    if (tenant.length() > MAX_TENANT_LENGTH) {
      return Optional.of("tenant is longer than " + MAX_TENANT_LENGTH + " characters");
    }
    if (hasControl(tenant) || tenant.indexOf('/') >= 0) {
      return Optional.of("tenant contains a control character or '/'");
    }
    return Optional.empty();
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
