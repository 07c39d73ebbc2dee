package io.tributary.ingest;

import io.tributary.common.config.CommonSettings;
import io.tributary.ingest.auth.VerificationKeys;
import io.tributary.ingest.http.Cors;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The ingest service's settings, declared once on top of {@link CommonSettings}. Parsing fails with
 * a {@link ConfigException} naming the key of the first bad value.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class IngestSettings {

  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String AUTH_HS256_SECRET = "auth.hs256.secret";
  public static final String AUTH_JWKS_URL = "auth.jwks.url";
  public static final String AUTH_JWKS_FILE = "auth.jwks.file";
  public static final String AUTH_JWKS_REFRESH_MS = "auth.jwks.refresh.ms";
  public static final String CURSOR_SECRET = "cursor.secret";
  public static final String PROJECTOR_ENDPOINTS = "projector.endpoints";
  public static final String PUSH_TIMEOUT_MS = "push.timeout.ms";
  public static final String HTTP_MAX_BODY_BYTES = "http.max.body.bytes";
  public static final String DOCUMENT_MAX_BYTES = "document.max.bytes";
  public static final String PUSH_MAX_CHANGES = "push.max.changes";
  public static final String PULL_MAX_BATCH = "pull.max.batch";
  public static final String CLOCK_MAX_SKEW_MS = "clock.max.skew.ms";
  public static final String SSE_HEARTBEAT_MS = "sse.heartbeat.ms";
  public static final String INSTANCE_ID = "ingest.instance.id";
  public static final String OUTCOMES_PARTITION = "ingest.outcomes.partition";
  public static final String HTTP_CORS_ALLOWED_ORIGINS = "http.cors.allowed.origins";
  public static final String ADMIN_RESET_TIMEOUT_MS = "admin.reset.timeout.ms";
  public static final String PUSH_MAX_IN_FLIGHT_CHANGES = "push.max.in.flight.changes";
  public static final String RATE_LIMIT_TENANT_RPS = "rate.limit.tenant.requests.per.second";
  public static final String RATE_LIMIT_TENANT_BURST = "rate.limit.tenant.burst";
  public static final String RATE_LIMIT_TENANT_CHANGES = "rate.limit.tenant.changes.per.second";
  public static final String RATE_LIMIT_TENANT_CHANGES_BURST = "rate.limit.tenant.changes.burst";
  public static final String ADMIN_HISTORY_MAX_SCAN_MS = "admin.history.max.scan.ms";

  static final ConfigDef DEFINITION = define();

  private final AbstractConfig config;
  private final String instanceId;

  private IngestSettings(AbstractConfig config) {
    this.config = config;
    boolean url = !config.getString(AUTH_JWKS_URL).isEmpty();
    boolean file = !config.getString(AUTH_JWKS_FILE).isEmpty();
    if (url && file) {
      throw new ConfigException(
          AUTH_JWKS_FILE, "[set]", "set auth.jwks.url or auth.jwks.file, not both");
    }
    if (config.getPassword(AUTH_HS256_SECRET) == null && !url && !file) {
      throw new ConfigException(
          AUTH_HS256_SECRET, null, "is required unless auth.jwks.url or auth.jwks.file is set");
    }
    if (url) {
      try {
        URI uri = new URI(config.getString(AUTH_JWKS_URL));
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
          throw new URISyntaxException(uri.toString(), "not http or https");
        }
      } catch (URISyntaxException e) {
        throw new ConfigException(
            AUTH_JWKS_URL, config.getString(AUTH_JWKS_URL), "must be an http(s) URL");
      }
    }
    if (config.getDouble(RATE_LIMIT_TENANT_CHANGES) > 0
        && config.getDouble(RATE_LIMIT_TENANT_CHANGES_BURST) < config.getInt(PUSH_MAX_CHANGES)) {
      throw new ConfigException(
          RATE_LIMIT_TENANT_CHANGES_BURST,
          config.getDouble(RATE_LIMIT_TENANT_CHANGES_BURST),
          "must be at least push.max.changes ("
              + config.getInt(PUSH_MAX_CHANGES)
              + ") while a changes limit is set, or the largest push could never get through");
    }
    String configured = config.getString(INSTANCE_ID);
    this.instanceId = configured.isEmpty() ? "ingest-" + UUID.randomUUID() : configured;
  }

  /**
   * @throws ConfigException naming the key of a missing or invalid value
   */
  public static IngestSettings parse(Map<String, String> values) {
    return new IngestSettings(CommonSettings.parse(DEFINITION, values));
  }

  /** The declaration of every key, for documentation and tooling. */
  public static ConfigDef definition() {
    return define();
  }

  private static ConfigDef define() {
    return CommonSettings.define(new ConfigDef())
        .define(
            HTTP_HOST,
            Type.STRING,
            "0.0.0.0",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Address the public HTTP server binds to.")
        .define(
            HTTP_PORT,
            Type.INT,
            8080,
            Range.between(0, 65535),
            Importance.HIGH,
            "Port of the public HTTP server; 0 picks a free port.")
        .define(
            AUTH_HS256_SECRET,
            Type.PASSWORD,
            null,
            optionalMinBytes(32),
            Importance.HIGH,
            "HMAC secret that signs clients' HS256 tokens; at least 32 bytes. Required unless"
                + " auth.jwks.url or auth.jwks.file is set; without it HS256 tokens are refused.")
        .define(
            AUTH_JWKS_URL,
            Type.STRING,
            "",
            Importance.HIGH,
            "URL of a JWK set whose public keys verify RS256 and ES256 tokens (by kid); fetched at"
                + " start (start-up fails if it cannot be) and every auth.jwks.refresh.ms.")
        .define(
            AUTH_JWKS_FILE,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "Path of a JWK set file whose public keys verify RS256 and ES256 tokens; read at"
                + " start. Use either this or auth.jwks.url.")
        .define(
            AUTH_JWKS_REFRESH_MS,
            Type.LONG,
            300_000L,
            Range.between(1_000L, 86_400_000L),
            Importance.LOW,
            "How often the JWK set of auth.jwks.url is fetched again (key rotation).")
        .define(
            CURSOR_SECRET,
            Type.PASSWORD,
            ConfigDef.NO_DEFAULT_VALUE,
            minBytes(16),
            Importance.HIGH,
            "HMAC secret that signs cursors; at least 16 bytes, the same on every ingest instance.")
        .define(
            PUSH_MAX_IN_FLIGHT_CHANGES,
            Type.INT,
            50_000,
            Range.atLeast(1),
            Importance.LOW,
            "Pushed changes that may wait for their outcomes on this instance at once; a push"
                + " that would go above gets 503 with Retry-After instead of piling up in memory.")
        .define(
            RATE_LIMIT_TENANT_RPS,
            Type.DOUBLE,
            0.0,
            Range.between(0.0, 1_000_000.0),
            Importance.MEDIUM,
            "Requests per second each tenant may make on this instance (pushes, pulls, stream"
                + " opens, WebSocket push and pull frames); more get 429 with Retry-After. 0 turns"
                + " the limit off.")
        .define(
            RATE_LIMIT_TENANT_BURST,
            Type.DOUBLE,
            100.0,
            Range.between(1.0, 1_000_000.0),
            Importance.LOW,
            "Requests a tenant may make at once after being idle, above its per-second rate.")
        .define(
            RATE_LIMIT_TENANT_CHANGES,
            Type.DOUBLE,
            0.0,
            Range.between(0.0, 10_000_000.0),
            Importance.MEDIUM,
            "Changes per second each tenant may push on this instance, over all its push requests"
                + " (both dialects and WebSocket); a push that would go over is refused whole with"
                + " 429 and Retry-After. 0 turns the limit off.")
        .define(
            RATE_LIMIT_TENANT_CHANGES_BURST,
            Type.DOUBLE,
            1_000.0,
            Range.between(1.0, 10_000_000.0),
            Importance.LOW,
            "Changes a tenant may push at once after being idle; at least push.max.changes, so"
                + " that the largest push can get through.")
        .define(
            ADMIN_RESET_TIMEOUT_MS,
            Type.LONG,
            30_000L,
            Range.between(1_000L, 600_000L),
            Importance.LOW,
            "How long a tenant reset (admin API) waits for every partition to apply it before"
                + " answering 504; the reset goes on and may be retried.")
        .define(
            ADMIN_HISTORY_MAX_SCAN_MS,
            Type.LONG,
            30_000L,
            Range.between(1_000L, 600_000L),
            Importance.LOW,
            "How long a document history lookup (admin API) may read the changes log; a longer"
                + " scan answers with what it found and complete: false.")
        .define(
            PROJECTOR_ENDPOINTS,
            Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            CommonSettings.NON_EMPTY_LIST,
            Importance.HIGH,
            "host:port seeds of projector query endpoints, used to learn partition owners.")
        .define(
            PUSH_TIMEOUT_MS,
            Type.LONG,
            10_000L,
            Range.atLeast(1),
            Importance.MEDIUM,
            "How long a push waits for its outcomes before answering 504.")
        .define(
            HTTP_MAX_BODY_BYTES,
            Type.LONG,
            4_194_304L,
            Range.atLeast(1024),
            Importance.MEDIUM,
            "Largest request body accepted; larger ones get 413.")
        .define(
            DOCUMENT_MAX_BYTES,
            Type.INT,
            262_144,
            Range.atLeast(64),
            Importance.MEDIUM,
            "Largest document (serialised JSON) accepted; larger items get document_too_large.")
        .define(
            PUSH_MAX_CHANGES,
            Type.INT,
            1000,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Most changes one push may carry; more get 413.")
        .define(
            PULL_MAX_BATCH,
            Type.INT,
            1000,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Largest page a pull may ask for; larger requests are capped.")
        .define(
            CLOCK_MAX_SKEW_MS,
            Type.LONG,
            60_000L,
            Range.atLeast(0),
            Importance.LOW,
            "A client timestamp further than this from the server clock is replaced by the "
                + "server's receive time for last-writer-wins.")
        .define(
            SSE_HEARTBEAT_MS,
            Type.LONG,
            15_000L,
            Range.atLeast(100),
            Importance.LOW,
            "Interval of the comment heartbeat on server-sent event streams.")
        .define(
            INSTANCE_ID,
            Type.STRING,
            "",
            new ConfigDef.NonNullValidator(),
            Importance.LOW,
            "Name of this ingest instance; empty picks a random one at start-up.")
        .define(
            OUTCOMES_PARTITION,
            Type.INT,
            -1,
            Range.atLeast(-1),
            Importance.LOW,
            "Partition of the outcomes topic this instance reads; -1 derives it from the "
                + "instance id. Give every instance its own when you can.")
        .define(
            HTTP_CORS_ALLOWED_ORIGINS,
            Type.LIST,
            "",
            corsOrigins(),
            Importance.MEDIUM,
            "Origins (scheme://host[:port]) browsers may call the API from, or * for any; "
                + "empty (the default) turns CORS off.");
  }

  private static ConfigDef.Validator corsOrigins() {
    return (name, value) -> {
      if (value == null) {
        throw new ConfigException(name, null, "must be a list (empty for no CORS)");
      }
      for (Object origin : (java.util.List<?>) value) {
        if (!Cors.isValidOrigin(String.valueOf(origin))) {
          throw new ConfigException(
              name, origin, "each entry must be * or an origin like https://app.example.com");
        }
      }
    };
  }

  private static ConfigDef.Validator optionalMinBytes(int min) {
    ConfigDef.Validator required = minBytes(min);
    return (name, value) -> {
      if (value != null) {
        required.ensureValid(name, value);
      }
    };
  }

  private static ConfigDef.Validator minBytes(int min) {
    return (name, value) -> {
      if (value == null) {
        throw new ConfigException(name, null, "is required");
      }
      String secret = ((Password) value).value();
      if (secret.getBytes(StandardCharsets.UTF_8).length < min) {
        throw new ConfigException(name, "[hidden]", "must have at least " + min + " bytes");
      }
    };
  }

  /** The parsed values, for the shared keys of {@link CommonSettings}. */
  public AbstractConfig config() {
    return config;
  }

  public String instanceId() {
    return instanceId;
  }

  public String httpHost() {
    return config.getString(HTTP_HOST);
  }

  public int httpPort() {
    return config.getInt(HTTP_PORT);
  }

  /** The HS256 secret, or null when HS256 tokens are not accepted (JWKS only). */
  public byte[] authSecret() {
    Password secret = config.getPassword(AUTH_HS256_SECRET);
    return secret == null ? null : secret.value().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The public keys of RS256/ES256 tokens: from {@code auth.jwks.url} (refreshed; close it), from
   * {@code auth.jwks.file}, or none.
   *
   * @throws ConfigException naming the key when the set cannot be read
   */
  public VerificationKeys verificationKeys() {
    String url = config.getString(AUTH_JWKS_URL);
    String file = config.getString(AUTH_JWKS_FILE);
    try {
      if (!url.isEmpty()) {
        return VerificationKeys.fromUrl(
            URI.create(url).toURL(), Duration.ofMillis(config.getLong(AUTH_JWKS_REFRESH_MS)));
      }
      if (!file.isEmpty()) {
        return VerificationKeys.fromFile(Path.of(file));
      }
    } catch (IllegalArgumentException | MalformedURLException e) {
      throw new ConfigException(
          url.isEmpty() ? AUTH_JWKS_FILE : AUTH_JWKS_URL, "[set]", e.getMessage());
    }
    return VerificationKeys.none();
  }

  public byte[] cursorSecret() {
    return config.getPassword(CURSOR_SECRET).value().getBytes(StandardCharsets.UTF_8);
  }

  public java.util.List<String> projectorEndpoints() {
    return config.getList(PROJECTOR_ENDPOINTS);
  }

  public long pushTimeoutMs() {
    return config.getLong(PUSH_TIMEOUT_MS);
  }

  public long maxBodyBytes() {
    return config.getLong(HTTP_MAX_BODY_BYTES);
  }

  public int documentMaxBytes() {
    return config.getInt(DOCUMENT_MAX_BYTES);
  }

  public int pushMaxChanges() {
    return config.getInt(PUSH_MAX_CHANGES);
  }

  public int pullMaxBatch() {
    return config.getInt(PULL_MAX_BATCH);
  }

  public long clockMaxSkewMs() {
    return config.getLong(CLOCK_MAX_SKEW_MS);
  }

  public long sseHeartbeatMs() {
    return config.getLong(SSE_HEARTBEAT_MS);
  }

  /** Origins allowed by CORS ({@code *} for any); empty when CORS is off. */
  public java.util.List<String> corsAllowedOrigins() {
    return config.getList(HTTP_CORS_ALLOWED_ORIGINS);
  }

  public int pushMaxInFlightChanges() {
    return config.getInt(PUSH_MAX_IN_FLIGHT_CHANGES);
  }

  public double rateLimitTenantRps() {
    return config.getDouble(RATE_LIMIT_TENANT_RPS);
  }

  public double rateLimitTenantBurst() {
    return config.getDouble(RATE_LIMIT_TENANT_BURST);
  }

  public double rateLimitTenantChanges() {
    return config.getDouble(RATE_LIMIT_TENANT_CHANGES);
  }

  public double rateLimitTenantChangesBurst() {
    return config.getDouble(RATE_LIMIT_TENANT_CHANGES_BURST);
  }

  public long adminResetTimeoutMs() {
    return config.getLong(ADMIN_RESET_TIMEOUT_MS);
  }

  public long adminHistoryMaxScanMs() {
    return config.getLong(ADMIN_HISTORY_MAX_SCAN_MS);
  }

  public int outcomesPartition() {
    return config.getInt(OUTCOMES_PARTITION);
  }

  public String topicPrefix() {
    return config.getString(CommonSettings.TOPIC_PREFIX);
  }
}
