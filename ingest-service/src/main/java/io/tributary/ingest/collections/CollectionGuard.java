package io.tributary.ingest.collections;

import io.tributary.common.collections.CollectionRules;
import io.tributary.ingest.http.ApiError;
import java.util.Collection;

/**
 * Strict mode at the API's edge: requests naming a collection that is not configured are answered
 * 404 {@code unknown_collection}. In open mode every valid name passes. Thread-safe.
 */
public final class CollectionGuard {

  public static final String UNKNOWN_COLLECTION = "unknown_collection";

  private final CollectionRules rules;

  public CollectionGuard(CollectionRules rules) {
    this.rules = rules;
  }

  /** Whether {@code collection} may be read and written. */
  public boolean isKnown(String collection) {
    return rules.isKnown(collection);
  }

  /**
   * @throws ApiError 404 {@code unknown_collection} when {@code collection} is not known
   */
  public void requireKnown(String collection) {
    if (!isKnown(collection)) {
      throw unknown(collection);
    }
  }

  /**
   * @param collections collection names, or null for "all of the tenant's"
   * @throws ApiError 404 {@code unknown_collection} for the first one that is not known
   */
  public void requireKnown(Collection<String> collections) {
    if (collections != null) {
      collections.forEach(this::requireKnown);
    }
  }

  /** The sentence of an unknown collection's error. */
  public static String message(String collection) {
    return "This server has no collection '"
        + collection
        + "'; use a configured collection or ask the operator to add it.";
  }

  private static ApiError unknown(String collection) {
    return new ApiError(404, UNKNOWN_COLLECTION, message(collection));
  }
}
