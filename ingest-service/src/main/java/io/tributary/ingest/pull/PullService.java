package io.tributary.ingest.pull;

import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.cursor.CursorCodec;
import io.tributary.protocol.cursor.CursorParse;
import io.tributary.protocol.model.Names;
import io.tributary.protocol.query.PartitionSlice;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pull flow shared by both dialects and by live streams' catch-up: cursor decoding, the
 * collections a request may read, the fan-out scan and the merge into a page. Thread-safe.
 */
public final class PullService {

  private final ProjectorClient projector;
  private final CursorCodec codec;
  private final int maxBatch;
  private final RoundedScan rounds = new RoundedScan();

  public PullService(ProjectorClient projector, CursorCodec codec, int maxBatch) {
    this.projector = projector;
    this.codec = codec;
    this.maxBatch = maxBatch;
  }

  /**
   * The cursor a client sent; null or empty is the beginning. Its generation is checked against the
   * tenant's when it is used ({@link #pull}).
   *
   * @throws ApiError 400 {@code invalid_cursor}
   */
  public Cursor decode(String tenant, String wire) {
    if (wire == null || wire.isEmpty()) {
      return Cursor.BEGINNING;
    }
    CursorParse parsed = codec.decode(tenant, wire);
    if (parsed instanceof CursorParse.Invalid invalid) {
      throw ApiError.invalidCursor(invalid.reason());
    }
    return ((CursorParse.Valid) parsed).cursor();
  }

  /**
   * The cursor to read from, given the tenant's generation in every partition: a cursor that has
   * seen nothing takes the tenant's generation; any other must carry it.
   *
   * @throws ApiError 410 {@code tenant_reset} for a cursor of another generation (the tenant was
   *     reset, or the topics were rebuilt); 503 while a reset is reaching the partitions
   */
  static Cursor inGeneration(Cursor from, Map<Integer, PartitionSlice> slices) {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (PartitionSlice slice : slices.values()) {
      min = Math.min(min, slice.generation());
      max = Math.max(max, slice.generation());
    }
    if (!slices.isEmpty() && min != max) {
      throw ApiError.unavailable("The tenant is being reset; retry in a second.", 1);
    }
    if (from.isBeginning()) {
      return from.generation() == max ? from : Cursor.beginning(max);
    }
    if (from.generation() != max) {
      throw ApiError.tenantReset();
    }
    return from;
  }

  public String encode(String tenant, Cursor cursor) {
    return codec.encode(tenant, cursor);
  }

  /**
   * The page size for a requested one: default 100, capped at the configured maximum.
   *
   * @throws ApiError 400 for a size below 1
   */
  public int pageSize(Integer requested) {
    if (requested == null) {
      return Math.min(100, maxBatch);
    }
    if (requested < 1) {
      throw ApiError.badRequest("batchSize and limit must be at least 1.");
    }
    return Math.min(requested, maxBatch);
  }

  /**
   * The collections a request reads: the requested ones (each valid and allowed by the token), or
   * all when none are named (the token's {@code cols} when it has that claim).
   *
   * @return null for "all of the tenant's"
   * @throws ApiError 400 for an invalid name, 403 for a collection the token may not read
   */
  public static List<String> collections(Principal principal, List<String> requested) {
    if (requested == null || requested.isEmpty()) {
      return principal
          .collections()
          .map(c -> (List<String>) new ArrayList<>(new TreeSet<>(c)))
          .orElse(null);
    }
    TreeSet<String> out = new TreeSet<>();
    for (String name : requested) {
      if (!Names.isValidCollection(name)) {
        throw ApiError.badRequest("Collection names match [a-z][a-z0-9_-]{0,63}.");
      }
      if (!principal.mayTouch(name)) {
        throw ApiError.forbidden("The token may not read collection " + name + ".");
      }
      out.add(name);
    }
    return new ArrayList<>(out);
  }

  /** One page after {@code from}: full unless nothing more waits (see {@link RoundedScan}). */
  public Future<Page> pull(String tenant, List<String> collections, Cursor from, int pageSize) {
    // The tenant's generation, learnt from the first round's slices and checked by every round.
    AtomicLong generation = new AtomicLong(-1);
    RoundedScan.Scanner scanner =
        (after, limit) ->
            projector
                .scan(tenant, collections, after, limit)
                .map(
                    slices -> {
                      long known = generation.get();
                      Cursor checked =
                          inGeneration(
                              known < 0 ? after : Cursor.of(known, after.positions()), slices);
                      generation.set(checked.generation());
                      return slices;
                    });
    return rounds
        .page(scanner, from, pageSize)
        .map(
            page -> {
              long known = generation.get();
              Cursor cursor = page.cursor();
              return known < 0 || cursor.generation() == known
                  ? page
                  : new Page(page.versions(), Cursor.of(known, cursor.positions()), page.hasMore());
            });
  }

  /** The cursor at every partition's current watermark: "from now on". */
  public Future<Cursor> now(String tenant, List<String> collections) {
    return projector
        .scan(tenant, collections, Cursor.BEGINNING, 0)
        .map(
            slices -> {
              Cursor now = inGeneration(Cursor.BEGINNING, slices);
              for (var e : slices.entrySet()) {
                now = now.advance(e.getKey(), e.getValue().watermark());
              }
              return now;
            });
  }
}
