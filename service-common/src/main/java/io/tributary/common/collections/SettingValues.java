package io.tributary.common.collections;

import org.apache.kafka.common.config.ConfigException;

/** Validation of one collection setting's value, shared by the keys and the JSON form. */
final class SettingValues {

  private SettingValues() {}

  static String policy(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(
          key, value, "name a policy: lww, client-resolves, field-merge or a resolver's name");
    }
    return value.trim();
  }

  /** A top-level field name that is neither reserved ({@code _…}) nor the document's id. */
  static String timestampField(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, value, "name a top-level field, e.g. updatedAt");
    }
    String field = value.trim();
    if (field.startsWith("_") || field.equals("id")) {
      throw new ConfigException(
          key, value, "the field must not be id or start with '_' (reserved); pick another name");
    }
    return field;
  }

  static int size(String key, String value) {
    try {
      return positive(key, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "give a positive number of bytes, e.g. 65536");
    }
  }

  static int positive(String key, long bytes) {
    if (bytes < 1 || bytes > Integer.MAX_VALUE) {
      throw new ConfigException(
          key, bytes, "give a positive number of bytes up to " + Integer.MAX_VALUE);
    }
    return (int) bytes;
  }
}
