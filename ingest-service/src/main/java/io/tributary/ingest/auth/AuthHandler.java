package io.tributary.ingest.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Route handler that verifies the bearer token and stores the {@link Principal} in the context.
 * Failures go to the failure handler as 401.
 */
public final class AuthHandler implements Handler<RoutingContext> {

  private static final String KEY = "tributary.principal";

  private final TokenVerifier verifier;

  public AuthHandler(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(KEY, verifier.verify(ctx.request().getHeader("Authorization")));
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
