package io.tributary.projector;

import io.tributary.protocol.merge.ClientResolves;
import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.Names;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * The conflict policy of each collection: {@code collection.<name>.policy} where set, else the
 * default. Immutable and thread-safe; the policies themselves are stateless.
 */
public final class PolicyRegistry {

  private static final Pattern KEY = Pattern.compile("collection\\.(.+)\\.policy");

  private final ConflictPolicy defaultPolicy;
  private final Map<String, ConflictPolicy> byCollection;

  private PolicyRegistry(ConflictPolicy defaultPolicy, Map<String, ConflictPolicy> byCollection) {
    this.defaultPolicy = defaultPolicy;
    this.byCollection = Map.copyOf(byCollection);
  }

  /**
   * Reads the {@code collection.<name>.policy} keys of {@code values}.
   *
   * @param defaultPolicyName the policy of collections without a key of their own
   * @throws ConfigException naming the key whose collection name or policy name is invalid
   */
  public static PolicyRegistry from(Map<String, String> values, String defaultPolicyName) {
    ConflictPolicy defaultPolicy =
        policy(defaultPolicyName)
            .orElseThrow(
                () ->
                    new ConfigException(
                        ProjectorSettings.DEFAULT_POLICY, defaultPolicyName, expectedPolicies()));
    Map<String, ConflictPolicy> byCollection = new HashMap<>();
    values.forEach(
        (key, value) -> {
          Matcher m = KEY.matcher(key);
          if (!m.matches()) {
            return;
          }
          String collection = m.group(1);
          if (!Names.isValidCollection(collection)) {
            throw new ConfigException(
                key, value, "'" + collection + "' is not a valid collection name: rename the key");
          }
          String name = value == null ? null : value.trim();
          byCollection.put(
              collection,
              policy(name).orElseThrow(() -> new ConfigException(key, value, expectedPolicies())));
        });
    return new PolicyRegistry(defaultPolicy, byCollection);
  }

  /** A registry with one policy for every collection. */
  public static PolicyRegistry uniform(ConflictPolicy policy) {
    return new PolicyRegistry(policy, Map.of());
  }

  /** The policy of {@code collection}, never null. */
  public ConflictPolicy policyOf(String collection) {
    return byCollection.getOrDefault(collection, defaultPolicy);
  }

  private static Optional<ConflictPolicy> policy(String name) {
    if (LastWriterWins.NAME.equals(name)) {
      return Optional.of(new LastWriterWins());
    }
    if (ClientResolves.NAME.equals(name)) {
      return Optional.of(new ClientResolves());
    }
    return Optional.empty();
  }

  private static String expectedPolicies() {
    return "use one of: " + LastWriterWins.NAME + ", " + ClientResolves.NAME;
  }
}
