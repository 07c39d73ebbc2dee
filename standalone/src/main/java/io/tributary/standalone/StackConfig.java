package io.tributary.standalone;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the configuration the projector and the ingest service receive: the user's keys, plus what
 * the one-JVM stack decides for them. The broker address is always the embedded one; the other
 * values are defaults the user's keys override.
 */
final class StackConfig {

  static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
  static final String PROJECTOR_ENDPOINTS = "projector.endpoints";
  static final String HTTP_HOST = "http.host";
  static final String LOOPBACK = "127.0.0.1";

  private StackConfig() {}

  static Map<String, String> forServices(
      Map<String, String> user,
      Path dataDir,
      String bootstrapServers,
      Map<String, String> secrets) {
    Map<String, String> config = new HashMap<>(user);
    config.put(KAFKA_BOOTSTRAP, bootstrapServers);
    config.putIfAbsent("projector.state.dir", dataDir.resolve("streams").toString());
    config.putIfAbsent("projector.http.host", LOOPBACK);
    config.putIfAbsent("projector.advertised.host", LOOPBACK);
    config.putIfAbsent("projector.http.port", "0");
    config.putIfAbsent(HTTP_HOST, LOOPBACK);
    config.putIfAbsent("http.port", "8080");
    secrets.forEach(config::put);
    return config;
  }

  /** A host clients on this machine can connect to, given the address the API binds to. */
  static String reachableHost(String bindHost) {
    if (bindHost == null || bindHost.equals("0.0.0.0") || bindHost.equals("::")) {
      return LOOPBACK;
    }
    return bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
  }

  /** The ingest service's view: the projector endpoint it must ask, unless the user named one. */
  static Map<String, String> forIngest(Map<String, String> services, String projectorEndpoint) {
    Map<String, String> config = new HashMap<>(services);
    config.putIfAbsent(PROJECTOR_ENDPOINTS, projectorEndpoint);
    return config;
  }
}
