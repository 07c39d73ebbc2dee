package io.tributary.ingest.collections;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.tributary.common.collections.CollectionRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * The JSON Schemas of the configured collections, compiled once at start-up. A schema without
 * {@code $schema} is read as draft 2020-12. Validation is CPU only and allocation-light for small
 * documents, so it runs inline on the request's thread. Immutable and thread-safe.
 */
public final class CollectionSchemas {

  private final Map<String, Schema> byCollection;

  private CollectionSchemas(Map<String, Schema> byCollection) {
    this.byCollection = Map.copyOf(byCollection);
  }

  /**
   * Compiles the schema of every configured collection that has one.
   *
   * @throws ConfigException naming the collection's schema key when a schema cannot be compiled
   */
  public static CollectionSchemas compile(CollectionRules rules) {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
    Map<String, Schema> compiled = new HashMap<>();
    for (String collection : rules.configuredNames()) {
      JsonNode node = rules.of(collection).schema();
      if (node != null) {
        compiled.put(collection, compileOne(registry, collection, node));
      }
    }
    return new CollectionSchemas(compiled);
  }

  /** The schema, after checking it against its dialect's meta-schema (shipped with the library). */
  private static Schema compileOne(SchemaRegistry registry, String collection, JsonNode node) {
    String key = "collection." + collection + ".schema";
    try {
      String dialect =
          node.path("$schema").isTextual()
              ? node.get("$schema").asText()
              : SpecificationVersion.DRAFT_2020_12.getDialectId();
      List<Error> metaErrors = registry.getSchema(SchemaLocation.of(dialect)).validate(node);
      if (!metaErrors.isEmpty()) {
        Error first = metaErrors.get(0);
        throw new ConfigException(
            key,
            "[schema]",
            "is not a valid JSON Schema ("
                + first.getInstanceLocation()
                + ": "
                + first.getMessage()
                + "); fix the schema set by this key or by the collections JSON");
      }
      Schema schema = registry.getSchema(node);
      schema.initializeValidators();
      return schema;
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      // SchemaException, or a failure to load a meta-schema or $ref the schema names
      throw new ConfigException(
          key,
          "[schema]",
          "is not a usable JSON Schema ("
              + e.getMessage()
              + "); fix the schema set by this key or by the collections JSON");
    }
  }

  /** No schemas at all. */
  public static CollectionSchemas none() {
    return new CollectionSchemas(Map.of());
  }

  /**
   * The first violation of {@code collection}'s schema by {@code document}, if it has a schema.
   *
   * @param document the document as it would be stored
   */
  public Optional<SchemaViolation> violation(String collection, JsonNode document) {
    Schema schema = byCollection.get(collection);
    if (schema == null) {
      return Optional.empty();
    }
    List<Error> errors = schema.validate(document);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    Error first = errors.get(0);
    String path = path(first);
    return Optional.of(new SchemaViolation(path, path + ": " + first.getMessage()));
  }

  /** The failing field: for {@code required}, the missing property under the instance location. */
  private static String path(Error error) {
    String property = error.getProperty();
    if (property != null && "required".equals(error.getKeyword())) {
      return error.getInstanceLocation().append(property).toString();
    }
    return error.getInstanceLocation().toString();
  }
}
