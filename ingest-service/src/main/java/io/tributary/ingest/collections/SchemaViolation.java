package io.tributary.ingest.collections;

/**
 * The first way a document fails its collection's JSON Schema.
 *
 * @param path JSON path of the failing field, e.g. {@code $.title}
 * @param message a sentence naming the path, e.g. {@code $.title: is missing but it is required};
 *     it describes the schema's rule and never echoes document values
 */
public record SchemaViolation(String path, String message) {}
