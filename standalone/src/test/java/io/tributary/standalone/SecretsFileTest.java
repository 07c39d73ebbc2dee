package io.tributary.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {

  @TempDir Path dataDir;

  @Test
  void shouldGenerateLongEnoughSecretsAndKeepThemPrivate() throws Exception {
    // Given an empty data dir and no configured secrets
    // When the secrets are resolved
    Map<String, String> secrets = SecretsFile.resolve(dataDir, Map.of());

    // Then both are generated, long enough for the services, and saved readable by the owner only
    assertThat(secrets.get(SecretsFile.AUTH_SECRET)).hasSizeGreaterThanOrEqualTo(32);
    assertThat(secrets.get(SecretsFile.CURSOR_SECRET)).hasSizeGreaterThanOrEqualTo(16);
    assertThat(secrets.get(SecretsFile.AUTH_SECRET))
        .isNotEqualTo(secrets.get(SecretsFile.CURSOR_SECRET));
    Path file = dataDir.resolve(SecretsFile.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldCreateTheDataDirWhenItDoesNotExistYet() {
    // Given a data dir that does not exist
    Path fresh = dataDir.resolve("not/yet/there");

    // When the secrets are resolved
    SecretsFile.resolve(fresh, Map.of());

    // Then the file is written inside it
    assertThat(fresh.resolve(SecretsFile.FILE_NAME)).isRegularFile();
  }

  @Test
  void shouldReturnTheSameSecretsOnTheNextStart() {
    // Given secrets generated on a first start
    Map<String, String> first = SecretsFile.resolve(dataDir, Map.of());

    // When they are resolved again on the same data dir
    Map<String, String> second = SecretsFile.resolve(dataDir, Map.of());

    // Then tokens and cursors signed before stay valid
    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldPreferConfiguredSecretsAndNotSaveThem() throws Exception {
    // Given a configured auth secret
    String configured = "a-configured-secret-of-at-least-32-bytes";

    // When the secrets are resolved
    Map<String, String> secrets =
        SecretsFile.resolve(dataDir, Map.of(SecretsFile.AUTH_SECRET, configured));

    // Then the configured one is used and only the generated one is written down
    assertThat(secrets.get(SecretsFile.AUTH_SECRET)).isEqualTo(configured);
    String saved = Files.readString(dataDir.resolve(SecretsFile.FILE_NAME));
    assertThat(saved).doesNotContain(configured).contains(SecretsFile.CURSOR_SECRET);
  }
}
