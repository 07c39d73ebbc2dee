package io.tributary.standalone;

/**
 * What a person needs to try the stack: a token and copy-paste curl commands for a push and a pull.
 * Printed to standard output, never to the log, because it contains a token.
 */
final class StartupBanner {

  static final String PUSH_BODY =
      "{\"changes\":[{\"id\":\"change-1\",\"collection\":\"todos\",\"recordId\":\"todo-1\","
          + "\"type\":\"create\",\"data\":{\"title\":\"Try Tributary\",\"done\":false}}]}";

  private StartupBanner() {}

  static String text(String apiBase, String token) {
    String auth = "-H 'Authorization: Bearer " + token + "' -H 'Content-Type: application/json'";
    return String.join(
        "\n",
        "",
        "Tributary is running. A token for tenant '"
            + DemoToken.TENANT
            + "' (scopes sync:read"
            + " sync:write, valid "
            + DemoToken.LIFETIME.toDays()
            + " days):",
        "",
        "  TOKEN=" + token,
        "",
        "Push a change:",
        "",
        "  curl -sS -X POST " + apiBase + "/v1/sync/push " + auth + " \\",
        "    -d '" + PUSH_BODY + "'",
        "",
        "Pull everything from the beginning:",
        "",
        "  curl -sS -X POST " + apiBase + "/v1/sync/pull " + auth + " -d '{}'",
        "",
        "Stop with Ctrl+C; the data stays for the next start.",
        "");
  }
}
