package io.tributary.projector;

import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.merge.Decision;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.spi.ResolverProvider;
import java.util.Set;

/**
 * Resolver providers for {@link ResolverLoaderTest}. Only {@link AlwaysConflict} and {@link
 * Explode} are registered on the test class path; the others are listed per test in a service file
 * of a temporary directory.
 */
public final class TestResolvers {

  private TestResolvers() {}

  /** A policy that refuses every change, remembering what it was created with. */
  public record RefuseAll(String name, String collection, Set<String> serverFields)
      implements ConflictPolicy {

    @Override
    public Decision decide(DocumentVersion current, ChangeRecord change) {
      return new Decision.Conflict();
    }
  }

  /** {@code test-always-conflict}, registered in {@code META-INF/services} of the tests. */
  public static final class AlwaysConflict implements ResolverProvider {
    @Override
    public String name() {
      return "test-always-conflict";
    }

    @Override
    public ConflictPolicy create(String collection, Set<String> serverFields) {
      return new RefuseAll(name(), collection, serverFields);
    }
  }

  /**
   * {@code test-explode}, registered in {@code META-INF/services} of the tests: its policy throws
   * an {@link Error}, which fails the stream thread (for the test of what a failed projector does).
   */
  public static final class Explode implements ResolverProvider {
    @Override
    public String name() {
      return "test-explode";
    }

    @Override
    public ConflictPolicy create(String collection, Set<String> serverFields) {
      return new ConflictPolicy() {
        @Override
        public String name() {
          return "test-explode";
        }

        @Override
        public Decision decide(DocumentVersion current, ChangeRecord change) {
          throw new Error("test-explode refuses to decide");
        }
      };
    }
  }

  /** Shares its name with {@link TwinB}. */
  public static final class TwinA implements ResolverProvider {
    @Override
    public String name() {
      return "test-twin";
    }

    @Override
    public ConflictPolicy create(String collection, Set<String> serverFields) {
      return new RefuseAll(name(), collection, serverFields);
    }
  }

  /** Shares its name with {@link TwinA}. */
  public static final class TwinB implements ResolverProvider {
    @Override
    public String name() {
      return "test-twin";
    }

    @Override
    public ConflictPolicy create(String collection, Set<String> serverFields) {
      return new RefuseAll(name(), collection, serverFields);
    }
  }

  /** Takes the name of the built-in {@code lww} policy. */
  public static final class NamedLikeBuiltIn implements ResolverProvider {
    @Override
    public String name() {
      return "lww";
    }

    @Override
    public ConflictPolicy create(String collection, Set<String> serverFields) {
      return new RefuseAll(name(), collection, serverFields);
    }
  }

  /** Has a blank name. */
  public static final class Unnamed implements ResolverProvider {
    @Override
    public String name() {
      return " ";
    }

    @Override
    public ConflictPolicy create(String collection, Set<String> serverFields) {
      return new RefuseAll(name(), collection, serverFields);
    }
  }

  /** Returns no policy. */
  public static final class ReturnsNull implements ResolverProvider {
    @Override
    public String name() {
      return "test-returns-null";
    }

    @Override
    public ConflictPolicy create(String collection, Set<String> serverFields) {
      return null;
    }
  }
}
