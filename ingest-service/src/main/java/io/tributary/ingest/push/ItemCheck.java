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
   * @param status the item's HTTP-like status when the code alone does not say it (422 for {@code
   *     schema_violation}), else null
   * @param path JSON path of the failing field for schema violations, else null
   */
  record Bad(int index, String changeId, String code, String message, Integer status, String path)
      implements ItemCheck {

    /** A refusal without status and path. */
    public Bad(int index, String changeId, String code, String message) {
      this(index, changeId, code, message, null, null);
    }
  }
}
