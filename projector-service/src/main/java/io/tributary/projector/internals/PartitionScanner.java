package io.tributary.projector.internals;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.topic.CodecException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The scan of docs/internals.md over one partition's store: a tenant's latest versions with
 * position in {@code (after, W]}, where the watermark {@code W} is read before the scan, in
 * position order across collections, at most {@code limit}.
 *
 * <p>An index entry whose document has since moved to another position is skipped: the document is
 * found at its new position, above {@code W}, by the next pull.
 *
 * <p>Versions stay in their stored JSON ({@link EncodedSlice}): only their offset is read, to tell
 * a current index entry from a stale one.
 */
public final class PartitionScanner {

  private PartitionScanner() {}

  /** {@link #scanEncoded}, with the versions decoded. */
  public static PartitionSlice scan(
      ReadOnlyKeyValueStore<Bytes, byte[]> raw,
      String tenant,
      List<String> collections,
      long after,
      int limit) {
    return scanEncoded(raw, tenant, collections, after, limit).decoded();
  }

  /**
   * @param collections the collections to include; null or empty means all of the tenant's
   * @param after the last position the client has seen, -1 for none
   * @param limit at most this many versions; 0 asks for the watermark only
   */
  static EncodedSlice scanEncoded(
      ReadOnlyKeyValueStore<Bytes, byte[]> raw,
      String tenant,
      List<String> collections,
      long after,
      int limit) {
    StateStoreView store = StateStoreView.readOnly(raw);
    long watermark = store.watermark();
    long generation = store.generation(tenant);
    if (limit <= 0) {
      return new EncodedSlice(List.of(), watermark, false, generation);
    }
    if (after >= watermark) {
      return new EncodedSlice(List.of(), watermark, true, generation);
    }
    List<String> scanned =
        collections == null || collections.isEmpty()
            ? store.collections(tenant)
            : List.copyOf(new LinkedHashSet<>(collections));
    List<byte[]> found = merge(store, tenant, scanned, after + 1, watermark, limit);
    return new EncodedSlice(found, watermark, found.size() < limit, generation);
  }

  private static List<byte[]> merge(
      StateStoreView store,
      String tenant,
      List<String> collections,
      long from,
      long to,
      int limit) {
    List<StateStoreView.IndexIterator> open = new ArrayList<>(collections.size());
    PriorityQueue<Head> heads =
        new PriorityQueue<>(Comparator.comparingLong(h -> h.entry.offset()));
    try {
      for (String collection : collections) {
        StateStoreView.IndexIterator it = store.indexRange(tenant, collection, from, to);
        open.add(it);
        if (it.hasNext()) {
          heads.add(new Head(it.next(), it));
        }
      }
      List<byte[]> found = new ArrayList<>(Math.min(limit, 256));
      while (found.size() < limit && !heads.isEmpty()) {
        Head head = heads.poll();
        StateStoreView.IndexEntry entry = head.entry;
        byte[] version = store.documentBytes(new DocKey(tenant, entry.collection(), entry.id()));
        if (version != null && storedOffset(version) == entry.offset()) {
          found.add(version);
        }
        if (head.iterator.hasNext()) {
          heads.add(new Head(head.iterator.next(), head.iterator));
        }
      }
      return found;
    } finally {
      open.forEach(StateStoreView.IndexIterator::close);
    }
  }

  /**
   * The {@code offset} of a stored version, read without decoding the rest. Versions are written
   * with it first; older ones, written before that order, are read until it is found.
   *
   * @throws CodecException when the bytes are not a version with an offset
   */
  static long storedOffset(byte[] version) {
    try (JsonParser json = Json.mapper().getFactory().createParser(version)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new CodecException("a stored version is not a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if ("offset".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
          return json.getLongValue();
        }
        json.skipChildren();
      }
      throw new CodecException("a stored version has no offset");
    } catch (IOException e) {
      throw new CodecException("a stored version is not valid JSON", e);
    }
  }

  private record Head(StateStoreView.IndexEntry entry, StateStoreView.IndexIterator iterator) {}
}
