package io.tributary.examples.priority;

import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.spi.ResolverProvider;
import java.util.Set;

/**
 * Registers the {@code priority} policy with Tributary's projector: a collection configured with
 * {@code collection.<name>.policy=priority} is decided by {@link PriorityPolicy}.
 *
 * <p>Listed in {@code META-INF/services/io.tributary.protocol.spi.ResolverProvider}, which is how
 * the projector finds it once this jar is on its class path.
 */
public final class PriorityResolver implements ResolverProvider {

  /** The name collections use to pick this resolver. */
  public static final String NAME = "priority";

  /** ServiceLoader needs a public no-argument constructor. */
  public PriorityResolver() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ConflictPolicy create(String collection, Set<String> serverFields) {
    return new PriorityPolicy(PriorityPolicy.DEFAULT_FIELD, serverFields);
  }
}
