package io.tributary.bench.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The documents every workload writes: about 300 bytes per change on the wire, the same fields for
 * Tributary and the peer so both carry the same payload.
 */
public final class Payloads {

  /** Filler that brings one change to about 300 bytes. */
  static final String BODY = "lorem ipsum dolor sit amet ".repeat(5).trim();

  private static final AtomicLong CHANGE_IDS = new AtomicLong();

  private Payloads() {}

  /** The document's own fields, without id, as a JSON object body (no braces). */
  static String fields(long n) {
    return "\"title\":\"note " + n + "\",\"body\":\"" + BODY + "\",\"done\":false,\"n\":" + n;
  }

  /**
   * A dialect A push body of {@code recordIds.length} update changes to collection {@code
   * collection}, each with a fresh change id.
   */
  public static String syncPush(String collection, String[] recordIds) {
    StringBuilder b = new StringBuilder(320 * recordIds.length + 16).append("{\"changes\":[");
    for (int i = 0; i < recordIds.length; i++) {
      long n = CHANGE_IDS.incrementAndGet();
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"id\":\"c")
          .append(n)
          .append('-')
          .append(ProcessHandle.current().pid())
          .append("\",\"collection\":\"")
          .append(collection)
          .append("\",\"recordId\":\"")
          .append(recordIds[i])
          .append("\",\"type\":\"update\",\"data\":{")
          .append(fields(n))
          .append("}}");
    }
    return b.append("]}").toString();
  }

  /** A CouchDB {@code _bulk_docs} body with the same documents. */
  public static String bulkDocs(String[] ids) {
    StringBuilder b = new StringBuilder(300 * ids.length + 16).append("{\"docs\":[");
    for (int i = 0; i < ids.length; i++) {
      long n = CHANGE_IDS.incrementAndGet();
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"_id\":\"").append(ids[i]).append("\",").append(fields(n)).append('}');
    }
    return b.append("]}").toString();
  }
}
