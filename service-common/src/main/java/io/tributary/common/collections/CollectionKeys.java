package io.tributary.common.collections;

import io.tributary.protocol.model.Names;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/** Reads the {@code collection.<name>.<setting>} keys of a flat configuration map. */
final class CollectionKeys {

  static final String PREFIX = "collection.";
  static final String POLICY = "policy";
  static final String TIMESTAMP_FIELD = "timestamp.field";
  static final String MAX_DOCUMENT_BYTES = "max.document.bytes";
  static final String SCHEMA = "schema";

  private static final Pattern KEY =
      Pattern.compile(
          "collection\\.(.+?)\\.(policy|timestamp\\.field|max\\.document\\.bytes|schema)");

  private CollectionKeys() {}

  /**
   * The drafts of every collection named by a key, in name order.
   *
   * @throws ConfigException naming the first bad key
   */
  static Map<String, CollectionDraft> read(Map<String, String> config) {
    Map<String, CollectionDraft> drafts = new TreeMap<>();
    new TreeMap<>(config)
        .forEach(
            (key, value) -> {
              if (!key.startsWith(PREFIX)) {
                return;
              }
              Matcher m = KEY.matcher(key);
              if (!m.matches()) {
                throw new ConfigException(
                    key,
                    value,
                    "unknown collection setting: use collection.<name>.policy, .timestamp.field,"
                        + " .max.document.bytes or .schema");
              }
              String collection = m.group(1);
              if (!Names.isValidCollection(collection)) {
                throw new ConfigException(
                    key,
                    value,
                    "'"
                        + collection
                        + "' is not a valid collection name ([a-z][a-z0-9_-]{0,63}): rename the key,"
                        + " or configure it in the collections JSON");
              }
              CollectionDraft draft =
                  drafts.computeIfAbsent(collection, c -> new CollectionDraft());
              String text = value == null ? "" : value.trim();
              switch (m.group(2)) {
                case POLICY -> draft.policy = SettingValues.policy(key, text);
                case TIMESTAMP_FIELD ->
                    draft.timestampField = SettingValues.timestampField(key, text);
                case MAX_DOCUMENT_BYTES -> draft.maxDocumentBytes = SettingValues.size(key, text);
                case SCHEMA -> draft.schema = SchemaFiles.load(key, text);
                default -> throw new IllegalStateException("unmatched setting " + m.group(2));
              }
            });
    return drafts;
  }
}
