package io.tributary.ingest.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys (a JWK set) that RS256 and ES256 tokens are verified with: none, read once from a
 * file, or fetched from a JWKS URL at start and again every refresh interval on a thread of its
 * own. Verification only reads the set in memory, so it never waits on the network; a token signed
 * with a key newer than the last refresh is refused (401) until the next one. A failed refresh
 * keeps the keys it had. Thread-safe.
 */
public final class VerificationKeys implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(VerificationKeys.class);
  private static final int TIMEOUT_MS = 5_000;
  private static final int SIZE_LIMIT_BYTES = 512 * 1024;

  private final AtomicReference<JWKSet> keys;
  private final ScheduledExecutorService refresher;

  private VerificationKeys(JWKSet initial, ScheduledExecutorService refresher) {
    this.keys = new AtomicReference<>(initial);
    this.refresher = refresher;
  }

  /** No public keys: only HS256 tokens can be verified. */
  public static VerificationKeys none() {
    return new VerificationKeys(new JWKSet(), null);
  }

  /**
   * @throws IllegalArgumentException if the file cannot be read or is not a JWK set
   */
  public static VerificationKeys fromFile(Path file) {
    try {
      return new VerificationKeys(publicOnly(JWKSet.load(file.toFile())), null);
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("cannot read the JWK set in " + file + ": " + e, e);
    }
  }

  /**
   * Fetches the set now (failing start-up if it cannot) and then every {@code refresh}.
   *
   * @throws IllegalArgumentException if the first fetch fails
   */
  public static VerificationKeys fromUrl(URL url, Duration refresh) {
    JWKSet first;
    try {
      first = fetch(url);
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("cannot fetch the JWK set from " + url + ": " + e, e);
    }
    ScheduledExecutorService refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tributary-jwks-refresh");
              t.setDaemon(true);
              return t;
            });
    VerificationKeys keys = new VerificationKeys(first, refresher);
    long every = Math.max(1, refresh.toMillis());
    refresher.scheduleWithFixedDelay(() -> keys.refresh(url), every, every, TimeUnit.MILLISECONDS);
    log.info("Verifying RS256/ES256 tokens with {} keys from {}", first.size(), url);
    return keys;
  }

  /** The keys now. */
  public JWKSet current() {
    return keys.get();
  }

  private void refresh(URL url) {
    try {
      JWKSet fetched = fetch(url);
      JWKSet before = keys.getAndSet(fetched);
      if (!before.toJSONObject().equals(fetched.toJSONObject())) {
        log.info("JWK set from {} changed: {} keys now", url, fetched.size());
      }
    } catch (IOException | ParseException | RuntimeException e) {
      log.warn(
          "Refreshing the JWK set from {} failed; keeping the keys we have: {}", url, e.toString());
    }
  }

  private static JWKSet fetch(URL url) throws IOException, ParseException {
    return publicOnly(JWKSet.load(url, TIMEOUT_MS, TIMEOUT_MS, SIZE_LIMIT_BYTES));
  }

  /** Never keeps private or secret key material, even if the set carries some. */
  private static JWKSet publicOnly(JWKSet set) {
    return set.toPublicJWKSet();
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }
}
