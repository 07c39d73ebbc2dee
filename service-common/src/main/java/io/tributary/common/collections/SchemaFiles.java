package io.tributary.common.collections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protocol.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigException;

/** Loads the JSON Schema documents collections name, once, at start-up. */
final class SchemaFiles {

  private SchemaFiles() {}

  /**
   * The schema in the file at {@code location} (relative paths from the working directory).
   *
   * @throws ConfigException naming {@code key} when the file cannot be read or is not a schema
   */
  static JsonNode load(String key, String location) {
    if (location == null || location.isBlank()) {
      throw new ConfigException(key, location, "give the path of a JSON Schema file");
    }
    String text;
    try {
      text = Files.readString(Path.of(location.trim()));
    } catch (IOException | InvalidPathException e) {
      throw new ConfigException(
          key, location, "cannot read the schema file (" + e + "); check the path");
    }
    JsonNode schema;
    try {
      schema = Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          key,
          location,
          "the schema file is not valid JSON (" + e.getOriginalMessage() + "); fix the file");
    }
    return checked(key, location, schema);
  }

  /** {@code schema} if it can be a JSON Schema (an object or a boolean). */
  static JsonNode checked(String key, Object shownValue, JsonNode schema) {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      throw new ConfigException(
          key, shownValue, "a JSON Schema must be a JSON object (or true/false)");
    }
    return schema;
  }
}
