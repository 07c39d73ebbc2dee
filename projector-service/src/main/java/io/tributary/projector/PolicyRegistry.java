package io.tributary.projector;

import io.tributary.common.collections.CollectionConfig;
import io.tributary.common.collections.CollectionRules;
import io.tributary.protocol.merge.ClientResolves;
import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.merge.FieldMerge;
import io.tributary.protocol.merge.LastWriterWins;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;

/**
 * The conflict policy of each collection, built once at start-up from the {@link CollectionRules}:
 * {@code lww}, {@code client-resolves}, {@code field-merge}, or a resolver found by {@link
 * ResolverLoader}. Collections that are not configured get the default policy; when that is a
 * resolver, each collection gets its own instance on first use. Thread-safe; policies are
 * deterministic.
 */
public final class PolicyRegistry {

  private final Function<String, ConflictPolicy> defaultPolicy;
  private final Map<String, ConflictPolicy> byCollection;
  private final Map<String, ConflictPolicy> defaulted = new ConcurrentHashMap<>();

  private PolicyRegistry(
      Function<String, ConflictPolicy> defaultPolicy, Map<String, ConflictPolicy> byCollection) {
    this.defaultPolicy = defaultPolicy;
    this.byCollection = Map.copyOf(byCollection);
  }

  /**
   * A policy for every configured collection and the default for the others. The server fields of a
   * collection are its timestamp field, when it has one.
   *
   * @throws ConfigException naming the key of a policy that is neither built in nor a resolver's,
   *     and listing the names that are
   */
  public static PolicyRegistry from(CollectionRules rules, ResolverLoader resolvers) {
    CollectionConfig defaults = rules.defaults();
    // Fails at start on an unknown name; a resolver then gets its own instance per collection.
    ConflictPolicy shared = build(CollectionRules.DEFAULT_POLICY, defaults, "", resolvers);
    Function<String, ConflictPolicy> defaultPolicy =
        isBuiltIn(defaults.policy())
            ? collection -> shared
            : collection -> build(CollectionRules.DEFAULT_POLICY, defaults, collection, resolvers);
    Map<String, ConflictPolicy> byCollection = new HashMap<>();
    for (String collection : rules.configuredNames()) {
      byCollection.put(
          collection,
          build(
              "collection." + collection + ".policy", rules.of(collection), collection, resolvers));
    }
    return new PolicyRegistry(defaultPolicy, byCollection);
  }

  /** A registry with one policy for every collection. */
  public static PolicyRegistry uniform(ConflictPolicy policy) {
    return new PolicyRegistry(collection -> policy, Map.of());
  }

  /** The policy of {@code collection}, never null. */
  public ConflictPolicy policyOf(String collection) {
    ConflictPolicy configured = byCollection.get(collection);
    return configured != null ? configured : defaulted.computeIfAbsent(collection, defaultPolicy);
  }

  private static ConflictPolicy build(
      String key, CollectionConfig config, String collection, ResolverLoader resolvers) {
    String name = config.policy();
    Set<String> serverFields = config.serverFields();
    Optional<ConflictPolicy> policy =
        switch (name) {
          case LastWriterWins.NAME -> Optional.of(new LastWriterWins());
          case ClientResolves.NAME -> Optional.of(new ClientResolves(serverFields));
          case FieldMerge.NAME -> Optional.of(new FieldMerge(serverFields));
          default -> resolvers.create(name, collection, serverFields);
        };
    return policy.orElseThrow(
        () ->
            new ConfigException(
                key,
                name,
                "no such policy or resolver (set by this key or the collections JSON); use one of: "
                    + String.join(", ", known(resolvers))
                    + ", or put the resolver's jar on the projector's class path"));
  }

  private static boolean isBuiltIn(String name) {
    return name.equals(LastWriterWins.NAME)
        || name.equals(ClientResolves.NAME)
        || name.equals(FieldMerge.NAME);
  }

  private static List<String> known(ResolverLoader resolvers) {
    return Stream.concat(
            Stream.of(LastWriterWins.NAME, ClientResolves.NAME, FieldMerge.NAME),
            resolvers.names().stream())
        .toList();
  }
}
