package io.tributary.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where configuration comes from, lowest precedence first: a properties file, then environment
 * variables, then explicit overrides (command line or tests).
 *
 * <p>An environment variable {@code TRIBUTARY_HTTP_PORT} sets the key {@code http.port}: the prefix
 * is dropped, the rest is lower-cased and {@code _} becomes {@code .}. Keys therefore use dots
 * only. Keys starting with {@code kafka.} pass through to the Kafka clients.
 */
public final class ConfigSource {

  public static final String ENV_PREFIX = "TRIBUTARY_";

  private ConfigSource() {}

  /**
   * @param file a properties file, or null for none
   * @param env the process environment (usually {@link System#getenv()})
   * @param overrides highest-precedence values
   * @throws IllegalArgumentException if the file cannot be read
   */
  public static Map<String, String> load(
      Path file, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    if (file != null) {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read configuration file " + file, e);
      }
      props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k).trim()));
    }
    env.forEach(
        (k, v) -> {
          if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
            values.put(envToKey(k), v);
          }
        });
    values.putAll(overrides);
    return values;
  }

  static String envToKey(String envName) {
    return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The {@code kafka.}-prefixed entries with the prefix removed, for the Kafka clients. */
  public static Map<String, Object> kafkaPassThrough(Map<String, ?> values) {
    Map<String, Object> out = new HashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith("kafka.")) {
            out.put(k.substring("kafka.".length()), v);
          }
        });
    return out;
  }
}
