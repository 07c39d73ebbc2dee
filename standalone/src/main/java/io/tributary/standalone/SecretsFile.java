package io.tributary.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The secrets the stack needs ({@code auth.hs256.secret}, {@code cursor.secret}), taken from the
 * configuration when set there, otherwise read from {@code secrets.properties} in the data dir,
 * otherwise generated once and saved there (mode 600), so that tokens and cursors stay valid across
 * restarts.
 */
final class SecretsFile {

  static final String FILE_NAME = "secrets.properties";
  static final String AUTH_SECRET = "auth.hs256.secret";
  static final String CURSOR_SECRET = "cursor.secret";
  private static final List<String> KEYS = List.of(AUTH_SECRET, CURSOR_SECRET);
  private static final int SECRET_BYTES = 48;

  private SecretsFile() {}

  /**
   * @return a value for every secret key: the configured one, the saved one or a new one
   */
  static Map<String, String> resolve(Path dataDir, Map<String, String> config) {
    Path file = dataDir.resolve(FILE_NAME);
    Properties saved = load(file);
    Map<String, String> secrets = new HashMap<>();
    boolean changed = false;
    SecureRandom random = new SecureRandom();
    for (String key : KEYS) {
      String value = config.get(key);
      if (value == null || value.isEmpty()) {
        value = saved.getProperty(key);
      }
      if (value == null || value.isEmpty()) {
        value = generate(random);
        saved.setProperty(key, value);
        changed = true;
      }
      secrets.put(key, value);
    }
    if (changed) {
      save(file, saved);
    }
    return secrets;
  }

  private static String generate(SecureRandom random) {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Properties load(Path file) {
    Properties props = new Properties();
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        props.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read "
                + file
                + "; fix its permissions, or delete it to generate new secrets"
                + " (existing tokens and cursors then stop working)",
            e);
      }
    }
    return props;
  }

  private static void save(Path file, Properties props) {
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(tmp);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(tmp);
      }
      try (OutputStream out = Files.newOutputStream(tmp)) {
        props.store(out, "Secrets of this Tributary standalone data dir. Keep private.");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write " + file + "; check that the data dir is writable", e);
    }
  }
}
