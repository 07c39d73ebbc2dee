package io.tributary.projector.internals;

import io.tributary.protocol.model.Names;
import io.tributary.protocol.query.ScanRequest;
import java.util.Map;
import java.util.Optional;

/** Checks a decoded {@link ScanRequest}; the problem, said so the caller can fix it, or empty. */
final class ScanRequests {

  /** Largest {@code limit} per partition a scan accepts. */
  static final int MAX_LIMIT = 10_000;

  private ScanRequests() {}

  static Optional<String> problem(ScanRequest request) {
    if (request == null) {
      return Optional.of("the body must be a ScanRequest JSON object");
    }
    if (request.tenant() == null || request.tenant().isEmpty()) {
      return Optional.of("tenant is required");
    }
    Optional<String> tenantProblem = Names.tenantProblem(request.tenant());
    if (tenantProblem.isPresent()) {
      return tenantProblem;
    }
    if (request.after() == null) {
      return Optional.of("after is required: a map of partition to last seen position (-1: none)");
    }
    if (request.limit() < 0 || request.limit() > MAX_LIMIT) {
      return Optional.of("limit must be between 0 and " + MAX_LIMIT);
    }
    for (Map.Entry<Integer, Long> e : request.after().entrySet()) {
      if (e.getKey() == null || e.getKey() < 0 || e.getValue() == null || e.getValue() < -1) {
        return Optional.of("after must map partitions >= 0 to positions >= -1");
      }
    }
    if (request.collections() != null
        && !request.collections().stream().allMatch(Names::isValidCollection)) {
      return Optional.of("collections must be valid collection names");
    }
    return Optional.empty();
  }
}
