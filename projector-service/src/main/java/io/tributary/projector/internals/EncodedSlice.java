package io.tributary.projector.internals;

import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.topic.Codec;
import io.tributary.protocol.topic.Topics;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@link PartitionSlice} whose versions are still the JSON they are stored as: the scan answer
 * copies them out as they are instead of decoding each one and encoding it again.
 *
 * @param versions each version's stored JSON (as {@link StateStoreView#documentBytes} returns it),
 *     in position order
 */
record EncodedSlice(List<byte[]> versions, long watermark, boolean exhausted, long generation) {

  private static final Codec<DocumentVersion> DOCUMENTS = Topics.DOCUMENTS.valueCodec();
  private static final byte[] VERSIONS = "{\"versions\":[".getBytes(StandardCharsets.US_ASCII);

  /** The slice with its versions decoded. */
  PartitionSlice decoded() {
    return new PartitionSlice(
        versions.stream().map(DOCUMENTS::decode).toList(), watermark, exhausted, generation);
  }

  /** Appends the slice as the JSON object a {@link PartitionSlice} is read from. */
  void appendTo(Buffer out) {
    out.appendBytes(VERSIONS);
    for (int i = 0; i < versions.size(); i++) {
      if (i > 0) {
        out.appendByte((byte) ',');
      }
      out.appendBytes(versions.get(i));
    }
    out.appendString(
        "],\"watermark\":"
            + watermark
            + ",\"exhausted\":"
            + exhausted
            + ",\"generation\":"
            + generation
            + "}",
        "US-ASCII");
  }
}
