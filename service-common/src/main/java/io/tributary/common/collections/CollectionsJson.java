package io.tributary.common.collections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Names;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads the {@value CollectionRules#COLLECTIONS_JSON} setting: {@code {"<name>": {"policy": …,
 * "timestampField": …, "maxDocumentBytes": …, "schema": <path or inline schema>}}}. It exists for
 * names environment variables cannot spell and for one-variable deployments.
 */
final class CollectionsJson {

  private static final String KEY = CollectionRules.COLLECTIONS_JSON;

  private CollectionsJson() {}

  /**
   * Applies the entries of {@code json} over {@code drafts}, field by field.
   *
   * @throws ConfigException naming {@value CollectionRules#COLLECTIONS_JSON} and the entry at fault
   */
  static void overlay(String json, Map<String, CollectionDraft> drafts) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          KEY, "[JSON]", "is not valid JSON (" + e.getOriginalMessage() + "); fix the value");
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(
          KEY, "[JSON]", "must be a JSON object: {\"<collection>\": {\"policy\": …}, …}");
    }
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String name = entry.getKey();
      if (!Names.isValidCollection(name)) {
        throw new ConfigException(
            KEY, name, "is not a valid collection name ([a-z][a-z0-9_-]{0,63}); rename the entry");
      }
      if (!entry.getValue().isObject()) {
        throw new ConfigException(KEY, name, "the entry must be a JSON object of settings");
      }
      apply(name, entry.getValue(), drafts.computeIfAbsent(name, n -> new CollectionDraft()));
    }
  }

  private static void apply(String name, JsonNode settings, CollectionDraft draft) {
    for (Map.Entry<String, JsonNode> field : settings.properties()) {
      String where = KEY + " (" + name + "." + field.getKey() + ")";
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        case "policy" -> draft.policy = SettingValues.policy(where, text(where, value));
        case "timestampField" ->
            draft.timestampField = SettingValues.timestampField(where, text(where, value));
        case "maxDocumentBytes" -> {
          if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ConfigException(where, value.toString(), "give a positive whole number");
          }
          draft.maxDocumentBytes = SettingValues.positive(where, value.asLong());
        }
        case "schema" ->
            draft.schema =
                value.isTextual()
                    ? SchemaFiles.load(where, value.asText())
                    : SchemaFiles.checked(where, "[inline schema]", value);
        default ->
            throw new ConfigException(
                where,
                field.getKey(),
                "unknown setting: use policy, timestampField, maxDocumentBytes or schema");
      }
    }
  }

  private static String text(String where, JsonNode value) {
    if (!value.isTextual()) {
      throw new ConfigException(where, value.toString(), "give a string");
    }
    return value.asText();
  }
}
