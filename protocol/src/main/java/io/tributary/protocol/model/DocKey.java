package io.tributary.protocol.model;

import java.util.Objects;

/**
 * Identity of one document: tenant, collection and record id.
 *
 * <p>Its string form {@code tenant/collection/id} is the key of the {@code changes} and {@code
 * documents} topics. It parses back unambiguously because neither tenants nor collection names may
 * contain {@code '/'} (see {@link Names}); the id may.
 */
public record DocKey(String tenant, String collection, String id) {

  public DocKey {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(id, "id");
  }

  /** The Kafka record key of this document. */
  public String toKafkaKey() {
    return tenant + '/' + collection + '/' + id;
  }

  /**
   * Parses a Kafka record key written by {@link #toKafkaKey()}.
   *
   * @throws IllegalArgumentException if the key has fewer than three parts
   */
  public static DocKey parse(String kafkaKey) {
    int first = kafkaKey.indexOf('/');
    int second = first < 0 ? -1 : kafkaKey.indexOf('/', first + 1);
    if (first <= 0 || second < 0) {
      throw new IllegalArgumentException("not a document key");
    }
    return new DocKey(
        kafkaKey.substring(0, first),
        kafkaKey.substring(first + 1, second),
        kafkaKey.substring(second + 1));
  }
}
