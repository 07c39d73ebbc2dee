package io.tributary.common.collections;

import io.tributary.protocol.model.Names;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * Per-collection configuration: which collections exist (strict mode) and the policy, server
 * timestamp field, size limit and JSON Schema of each.
 *
 * <p>Read from the flat configuration map: {@value #STRICT}, {@value #DEFAULT_POLICY}, the {@code
 * collection.<name>.policy|timestamp.field|max.document.bytes|schema} keys, and the JSON object of
 * {@value #COLLECTIONS_JSON} (env {@code TRIBUTARY_COLLECTIONS}), whose entries override those keys
 * field by field. Immutable and thread-safe.
 */
public final class CollectionRules {

  public static final String STRICT = "collections.strict";
  public static final String DEFAULT_POLICY = "collections.default.policy";
  public static final String COLLECTIONS_JSON = "collections";
  public static final String DEFAULT_POLICY_VALUE = "lww";

  private final boolean strict;
  private final CollectionConfig defaults;
  private final Map<String, CollectionConfig> configured;

  private CollectionRules(
      boolean strict, CollectionConfig defaults, Map<String, CollectionConfig> configured) {
    this.strict = strict;
    this.defaults = defaults;
    this.configured = Map.copyOf(configured);
  }

  /**
   * Reads the collection keys from a flat config map.
   *
   * @throws ConfigException naming the key of a bad value: an invalid collection name, an empty
   *     policy, a size that is not a positive integer, bad JSON, an unreadable schema file
   */
  public static CollectionRules from(Map<String, String> config) {
    boolean strict = bool(config, STRICT);
    String defaultPolicy = config.getOrDefault(DEFAULT_POLICY, DEFAULT_POLICY_VALUE);
    if (defaultPolicy == null || defaultPolicy.isBlank()) {
      throw new ConfigException(DEFAULT_POLICY, defaultPolicy, "name a policy, e.g. lww");
    }
    Map<String, CollectionDraft> drafts = CollectionKeys.read(config);
    String json = config.get(COLLECTIONS_JSON);
    if (json != null && !json.isBlank()) {
      CollectionsJson.overlay(json, drafts);
    }
    String fallback = defaultPolicy.trim();
    Map<String, CollectionConfig> configured = new HashMap<>();
    drafts.forEach((name, draft) -> configured.put(name, draft.toConfig(fallback)));
    return new CollectionRules(
        strict, new CollectionConfig(fallback, null, null, null), configured);
  }

  /** Whether collections that are not configured are refused ({@value #STRICT}). */
  public boolean strict() {
    return strict;
  }

  /**
   * Whether {@code collection} may be used: configured, or any valid name in open mode.
   *
   * @param collection a collection name, possibly invalid or null
   */
  public boolean isKnown(String collection) {
    return strict ? configured.containsKey(collection) : Names.isValidCollection(collection);
  }

  /** The settings of {@code collection}: its own if configured, else the defaults. */
  public CollectionConfig of(String collection) {
    return configured.getOrDefault(collection, defaults);
  }

  /** The settings of collections without their own configuration. */
  public CollectionConfig defaults() {
    return defaults;
  }

  /** The names of the configured collections. */
  public Set<String> configuredNames() {
    return configured.keySet();
  }

  private static boolean bool(Map<String, String> config, String key) {
    String value = config.get(key);
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, value, "use true or false");
    };
  }
}
