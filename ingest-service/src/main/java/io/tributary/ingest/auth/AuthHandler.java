package io.tributary.ingest.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Route handler that verifies the bearer token, takes one request of the tenant's rate limit, and
 * stores the {@link Principal} in the context. Failures go to the failure handler (401, 429).
 */
public final class AuthHandler implements Handler<RoutingContext> {

  private static final String KEY = "tributary.principal";

  private final TokenVerifier verifier;
  private final TenantRateLimits limits;

  public AuthHandler(TokenVerifier verifier) {
    this(verifier, TenantRateLimits.OFF);
  }

  /** Also takes one request of the tenant's allowance (429 when it has none left). */
  public AuthHandler(TokenVerifier verifier, TenantRateLimits limits) {
    this.verifier = verifier;
    this.limits = limits;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = verifier.verify(ctx.request().getHeader("Authorization"));
    limits.acquire(principal.tenant());
    ctx.put(KEY, principal);
    ctx.next();
  }

  /** The principal of an authenticated request. */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(KEY);
    if (p == null) {
      throw new IllegalStateException("route is not behind AuthHandler");
    }
    return p;
  }
}
