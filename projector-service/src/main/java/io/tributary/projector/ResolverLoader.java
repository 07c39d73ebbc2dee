package io.tributary.projector;

import io.tributary.protocol.merge.ClientResolves;
import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.spi.ResolverProvider;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-side resolvers on the class path: every {@link ResolverProvider} that {@link
 * ServiceLoader} finds, by name. Loaded once at start-up; immutable and thread-safe afterwards.
 *
 * <p>A provider whose name is blank, is one of the built-in policies' names, or is another
 * provider's name makes loading fail, naming both classes and where each was loaded from, so an
 * operator knows which jar to remove.
 */
public final class ResolverLoader {

  private static final Logger LOG = LoggerFactory.getLogger(ResolverLoader.class);

  /** Built-in policy names → the class that implements each, for collision messages. */
  private static final Map<String, String> BUILT_IN =
      Map.of(
          LastWriterWins.NAME,
          LastWriterWins.class.getName(),
          ClientResolves.NAME,
          ClientResolves.class.getName(),
          "field-merge",
          "io.tributary.protocol.merge.FieldMerge");

  private final Map<String, ResolverProvider> byName;

  private ResolverLoader(Map<String, ResolverProvider> byName) {
    this.byName = Collections.unmodifiableSortedMap(new TreeMap<>(byName));
  }

  /**
   * The resolvers found on the class path of the class loader that loaded Tributary.
   *
   * @throws IllegalStateException when a provider cannot be instantiated, has a blank name, or
   *     shares its name with a built-in policy or another provider
   */
  public static ResolverLoader fromClasspath() {
    return from(ResolverLoader.class.getClassLoader());
  }

  /** The resolvers {@code loader} finds; see {@link #fromClasspath()}. */
  static ResolverLoader from(ClassLoader loader) {
    Map<String, ResolverProvider> byName = new TreeMap<>();
    try {
      for (ResolverProvider provider : ServiceLoader.load(ResolverProvider.class, loader)) {
        add(byName, provider);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "A resolver listed in META-INF/services/"
              + ResolverProvider.class.getName()
              + " could not be loaded; fix or remove its jar from the projector's class path: "
              + e.getMessage(),
          e);
    }
    byName.forEach(
        (name, p) ->
            LOG.info(
                "resolver '{}' available: {} from {}", name, p.getClass().getName(), origin(p)));
    return new ResolverLoader(byName);
  }

  private static void add(Map<String, ResolverProvider> byName, ResolverProvider provider) {
    String name = provider.name();
    if (name == null || name.isBlank()) {
      throw new IllegalStateException(
          "Resolver "
              + describe(provider)
              + " has no name: make its name() return the name collections configure");
    }
    String builtIn = BUILT_IN.get(name);
    if (builtIn != null) {
      throw new IllegalStateException(
          "Resolver "
              + describe(provider)
              + " is named '"
              + name
              + "', the name of the built-in policy "
              + builtIn
              + ": rename the resolver");
    }
    ResolverProvider previous = byName.putIfAbsent(name, provider);
    if (previous != null) {
      throw new IllegalStateException(
          "Two resolvers are named '"
              + name
              + "': "
              + describe(previous)
              + " and "
              + describe(provider)
              + "; remove one jar from the projector's class path or rename one resolver");
    }
  }

  /**
   * A new policy of the resolver called {@code name} for {@code collection}, or empty when no
   * resolver has that name.
   *
   * @param serverFields fields the server sets for this collection (e.g. its timestamp field)
   * @throws IllegalStateException when the resolver returns no policy
   */
  public Optional<ConflictPolicy> create(String name, String collection, Set<String> serverFields) {
    ResolverProvider provider = byName.get(name);
    if (provider == null) {
      return Optional.empty();
    }
    ConflictPolicy policy = provider.create(collection, Set.copyOf(serverFields));
    if (policy == null) {
      throw new IllegalStateException(
          "Resolver "
              + describe(provider)
              + " returned no policy for collection '"
              + collection
              + "': its create() must return a ConflictPolicy");
    }
    return Optional.of(policy);
  }

  /** The names of the resolvers found, sorted; never one of the built-in policies'. */
  public Set<String> names() {
    return byName.keySet();
  }

  private static String describe(ResolverProvider provider) {
    return provider.getClass().getName() + " (from " + origin(provider) + ")";
  }

  private static String origin(ResolverProvider provider) {
    CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null
        ? "an unknown location"
        : Objects.toString(source.getLocation());
  }
}
