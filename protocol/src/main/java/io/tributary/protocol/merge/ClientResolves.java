package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import java.util.Set;

/**
 * {@code client-resolves}: compare-and-set, RxDB's model. A change is written only if the version
 * it was based on is the current one; otherwise it is a conflict and the client gets the current
 * version to resolve against. With no current version at all, every change is written.
 */
public final class ClientResolves implements ConflictPolicy {

  public static final String NAME = "client-resolves";

  private final Set<String> serverFields;

  /**
   * @param serverFields fields the server sets itself (e.g. a collection's timestamp field),
   *     ignored when an assumed state is compared with the current one
   */
  public ClientResolves(Set<String> serverFields) {
    this.serverFields = Set.copyOf(serverFields);
  }

  public ClientResolves() {
    this(Set.of());
  }

  @Override
  public Set<String> serverFields() {
    return serverFields;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Decision decide(DocumentVersion current, ChangeRecord change) {
    if (current != null && !baseMatches(change.base(), current)) {
      return new Decision.Conflict();
    }
    return new Decision.Write(LastWriterWins.newData(change), change.isDelete());
  }

  private boolean baseMatches(Base base, DocumentVersion current) {
    return switch (base.kind()) {
      case NONE -> current.deleted();
      case REV -> base.rev().equals(current.rev());
      case STATE ->
          base.state() != null
              && base.deleted() == current.deleted()
              && withoutServerFields(base.state()).equals(withoutServerFields(current.data()));
    };
  }

  private ObjectNode withoutServerFields(ObjectNode data) {
    if (serverFields.isEmpty()) {
      return data;
    }
    ObjectNode copy = data.deepCopy();
    copy.remove(serverFields);
    return copy;
  }
}
