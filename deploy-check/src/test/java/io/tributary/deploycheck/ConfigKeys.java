package io.tributary.deploycheck;

import io.tributary.common.collections.CollectionRules;
import io.tributary.common.config.ConfigSource;
import io.tributary.ingest.IngestSettings;
import io.tributary.projector.ProjectorSettings;
import java.util.Locale;
import java.util.Set;

/**
 * The configuration keys each service really reads, from the services' own declarations ({@code
 * ConfigDef}), and the {@code TRIBUTARY_*} environment variable names that set them.
 */
enum ConfigKeys {
  INGEST(IngestSettings.definition().names()),
  PROJECTOR(ProjectorSettings.definition().names());

  private final Set<String> declared;

  ConfigKeys(Set<String> declared) {
    this.declared = Set.copyOf(declared);
  }

  /**
   * Whether {@code envName} sets a key this service reads: a declared key, a {@code kafka.*}
   * pass-through or a collection setting (dynamic keys, read by {@link CollectionRules}).
   */
  boolean isValidEnvName(String envName) {
    if (!envName.startsWith(ConfigSource.ENV_PREFIX)) {
      return false;
    }
    String key = keyOf(envName);
    return declared.contains(key)
        || key.startsWith("kafka.") && key.length() > "kafka.".length()
        || key.equals(CollectionRules.COLLECTIONS_JSON)
        || key.equals(CollectionRules.STRICT)
        || key.equals(CollectionRules.DEFAULT_POLICY)
        || key.startsWith("collection.");
  }

  Set<String> declared() {
    return declared;
  }

  /** The key an environment variable sets, by ConfigSource's rule. */
  static String keyOf(String envName) {
    return envName
        .substring(ConfigSource.ENV_PREFIX.length())
        .toLowerCase(Locale.ROOT)
        .replace('_', '.');
  }

  /** The variable that sets {@code key}. */
  static String envNameOf(String key) {
    return ConfigSource.ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }
}
