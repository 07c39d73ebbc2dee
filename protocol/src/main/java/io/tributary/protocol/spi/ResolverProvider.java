package io.tributary.protocol.spi;

import io.tributary.protocol.merge.ConflictPolicy;
import java.util.Set;

/**
 * A server-side resolver: a conflict policy of your own that a collection names in its
 * configuration ({@code collection.<name>.policy=<resolver name>}).
 *
 * <p>The projector finds providers with {@link java.util.ServiceLoader}: put a jar on its class
 * path that lists your implementation in {@code
 * META-INF/services/io.tributary.protocol.spi.ResolverProvider}. An implementation needs a public
 * no-argument constructor. The projector creates one policy per configured collection at start-up
 * and fails to start when two providers share a name.
 *
 * <h2>What the policy is given</h2>
 *
 * {@link ConflictPolicy#decide(io.tributary.protocol.model.DocumentVersion,
 * io.tributary.protocol.model.ChangeRecord) decide(current, change)} is called once per incoming
 * change, in per-document order:
 *
 * <ul>
 *   <li>{@code current} is the document's current version, or {@code null} when the document never
 *       existed. It may be a tombstone ({@code current.deleted()}), whose {@code data} holds the
 *       fields its delete carried, possibly none. Its {@code lwwTime}, {@code hlc} and {@code
 *       changeId} are those of the last change that wrote its fields ({@code lwwTime} is 0 when
 *       only counter increments have written it).
 *   <li>{@code change} is the pushed change: its type ({@code change.isDelete()}), its fields
 *       ({@code data}, null only for a delete that carried none), the version the client edited
 *       ({@code base}), and its clock stamps ({@code lwwTime}, {@code hlc}).
 *   <li>Counters never reach a policy. {@code {"$increment": n}} values are stripped from {@code
 *       change.data()} before the policy runs, and counter fields (those that have received
 *       increments) are removed from {@code current.data()} and from the base. The server applies
 *       increments itself, exactly once per change id; a change made only of increments does not
 *       reach the policy at all.
 *   <li>Reserved fields ({@code _}-prefixed) are never in {@code data}.
 * </ul>
 *
 * Neither argument, nor any JSON node inside them, may be modified: build a new {@code ObjectNode}
 * (or return {@code change.data()} itself) for a {@link
 * io.tributary.protocol.merge.Decision.Write}.
 *
 * <h2>What the policy answers</h2>
 *
 * <ul>
 *   <li>{@link io.tributary.protocol.merge.Decision.Write Write(data, deleted)}: the change is
 *       accepted and {@code data} becomes the document's new version (a tombstone when {@code
 *       deleted}). Both dialects' clients pull it; the pusher gets the new rev. Use the
 *       two-argument constructor: per-field clocks belong to the built-in {@code field-merge}.
 *   <li>{@link io.tributary.protocol.merge.Decision.Superseded Superseded}: the change is accepted
 *       but loses; the current version stays and the pusher is told so. Only valid when {@code
 *       current} is not null.
 *   <li>{@link io.tributary.protocol.merge.Decision.Conflict Conflict}: the change is refused and
 *       nothing is written. The pusher gets the current master state (dialect A: an entry of {@code
 *       conflicts}; RxDB: the document in the push answer) and resolves on the client.
 * </ul>
 *
 * <h2>Rules</h2>
 *
 * A policy must be deterministic and pure: no clock, no randomness, no I/O, no state kept between
 * calls. Everything it may use is in its arguments. A change is decided again after a crash or a
 * rebalance, and every replica must reach the same decision, or documents diverge. Policies are
 * called from several threads at once. Any exception thrown from {@code decide} stops the
 * projector's processing, so treat unexpected input as a {@code Conflict} instead.
 */
public interface ResolverProvider {

  /**
   * The name a collection's policy setting uses to pick this resolver; not one of {@code lww},
   * {@code client-resolves}, {@code field-merge}. A constant, non-blank.
   */
  String name();

  /**
   * A policy for one collection.
   *
   * @param collection the collection the policy decides for
   * @param serverFields fields the server sets (e.g. the collection's {@code timestampField});
   *     their values differ from what the client sent, so a policy comparing states should ignore
   *     them. Never null, possibly empty, unmodifiable.
   * @return a deterministic policy; its {@link ConflictPolicy#name()} should be {@link #name()},
   *     and its {@link ConflictPolicy#serverFields()} should return {@code serverFields}, so that a
   *     change carrying only those fields and counter increments is not taken for a write
   */
  ConflictPolicy create(String collection, Set<String> serverFields);
}
