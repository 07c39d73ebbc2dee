package io.tributary.ingest.push;

/** The result of validating one pushed item: a {@link PushItem}, or why it is refused. */
public sealed interface ItemCheck {

  /** A valid item. */
  record Ok(PushItem item) implements ItemCheck {}

  /**
   * A refused item; the rest of the batch goes on.
   *
   * @param changeId the change id as sent, or null
   * @param code snake_case error code
   * @param message what to fix (never contains document data)
   */
  record Bad(int index, String changeId, String code, String message) implements ItemCheck {}
}
