/**
 * The service-provider interface for server-side resolvers: {@link
 * io.tributary.protocol.spi.ResolverProvider}. Depends on the protocol's model and merge types
 * only, so a resolver jar needs nothing but {@code tributary-protocol} to compile.
 */
package io.tributary.protocol.spi;
