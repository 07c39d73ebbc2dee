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

  /**
   * A provider of {@link RefuseAll} under a fixed name; the loader needs one class per provider.
   */
  abstract static class Refusing implements ResolverProvider {
    private final String name;

    Refusing(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ConflictPolicy create(String collection, Set<String> serverFields) {
      return new RefuseAll(name(), collection, serverFields);
    }
  }

  /** {@code test-always-conflict}, registered in {@code META-INF/services} of the tests. */
  public static final class AlwaysConflict extends Refusing {
    public AlwaysConflict() {
      super("test-always-conflict");
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
  public static final class TwinA extends Refusing {
    public TwinA() {
      super("test-twin");
    }
  }

  /** Shares its name with {@link TwinA}. */
  public static final class TwinB extends Refusing {
    public TwinB() {
      super("test-twin");
    }
  }

  /** Takes the name of the built-in {@code lww} policy. */
  public static final class NamedLikeBuiltIn extends Refusing {
    public NamedLikeBuiltIn() {
      super("lww");
    }
  }

  /** Has a blank name. */
  public static final class Unnamed extends Refusing {
    public Unnamed() {
      super(" ");
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
