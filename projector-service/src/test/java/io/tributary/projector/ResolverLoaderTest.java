package io.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.spi.ResolverProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverLoaderTest {

  @TempDir Path dir;

  @Test
  void shouldFindTheResolverRegisteredOnTheClassPath() {
    // Given the test class path, which registers test-always-conflict and test-explode
    // When the loader reads it
    ResolverLoader loader = ResolverLoader.fromClasspath();

    // Then that resolver is known by its name
    assertThat(loader.names()).containsExactly("test-always-conflict", "test-explode");
  }

  @Test
  void shouldCreateAPolicyForTheCollectionWithItsServerFields() {
    // Given the test class path
    ResolverLoader loader = ResolverLoader.fromClasspath();

    // When a collection asks for test-always-conflict
    Optional<ConflictPolicy> policy =
        loader.create("test-always-conflict", "scores", Set.of("updatedAt"));

    // Then it gets a policy built for it
    assertThat(policy)
        .hasValue(
            new TestResolvers.RefuseAll("test-always-conflict", "scores", Set.of("updatedAt")));
  }

  @Test
  void shouldReturnNothingForANameNoResolverHas() {
    ResolverLoader loader = ResolverLoader.fromClasspath();

    assertThat(loader.create("priority", "scores", Set.of())).isEmpty();
    assertThat(loader.create("lww", "scores", Set.of())).isEmpty();
  }

  @Test
  void shouldFailNamingBothClassesWhenTwoResolversShareAName() throws IOException {
    // Given two jars' providers with the same name
    ClassLoader loader = registering(TestResolvers.TwinA.class, TestResolvers.TwinB.class);

    // When the loader reads them, Then it refuses, naming both classes
    assertThatThrownBy(() -> ResolverLoader.from(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'test-twin'")
        .hasMessageContaining(TestResolvers.TwinA.class.getName())
        .hasMessageContaining(TestResolvers.TwinB.class.getName());
  }

  @Test
  void shouldFailNamingBothClassesWhenAResolverTakesABuiltInPolicysName() throws IOException {
    // Given a provider named lww
    ClassLoader loader = registering(TestResolvers.NamedLikeBuiltIn.class);

    // When the loader reads it, Then it refuses, naming it and the built-in policy
    assertThatThrownBy(() -> ResolverLoader.from(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(TestResolvers.NamedLikeBuiltIn.class.getName())
        .hasMessageContaining("io.tributary.protocol.merge.LastWriterWins");
  }

  @Test
  void shouldFailWhenAResolverHasABlankName() throws IOException {
    ClassLoader loader = registering(TestResolvers.Unnamed.class);

    assertThatThrownBy(() -> ResolverLoader.from(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(TestResolvers.Unnamed.class.getName())
        .hasMessageContaining("has no name");
  }

  @Test
  void shouldFailNamingTheServiceFileWhenAListedClassDoesNotExist() throws IOException {
    // Given a service file naming a class that is not there
    ClassLoader loader = registering("com.example.Missing");

    // When / Then loading fails and says which registration is broken
    assertThatThrownBy(() -> ResolverLoader.from(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(ResolverProvider.class.getName())
        .hasMessageContaining("com.example.Missing");
  }

  @Test
  void shouldFailNamingTheResolverThatReturnsNoPolicy() throws IOException {
    // Given a provider whose create returns null
    ResolverLoader loader = ResolverLoader.from(registering(TestResolvers.ReturnsNull.class));

    // When / Then asking it for a policy fails, naming it
    assertThatThrownBy(() -> loader.create("test-returns-null", "scores", Set.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(TestResolvers.ReturnsNull.class.getName())
        .hasMessageContaining("'scores'");
  }

  /** A class loader over the test class path plus a service file listing {@code providers}. */
  private ClassLoader registering(Class<?>... providers) throws IOException {
    return registering(
        Arrays.stream(providers).map(Class::getName).collect(Collectors.joining("\n")));
  }

  private ClassLoader registering(String serviceFileContent) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(ResolverProvider.class.getName()), serviceFileContent);
    URL root = dir.toUri().toURL();
    return new URLClassLoader(new URL[] {root}, getClass().getClassLoader());
  }
}
