package io.tributary.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupBannerTest {

  @Test
  void shouldShowCurlCommandsThatUseTheTokenAndTheApiAddress() {
    // Given an API address and a token
    // When the banner is built
    String text = StartupBanner.text("http://127.0.0.1:8080", "tok.en.value");

    // Then push and pull commands against that address carry the token
    assertThat(text)
        .contains("curl -sS -X POST http://127.0.0.1:8080/v1/sync/push")
        .contains("curl -sS -X POST http://127.0.0.1:8080/v1/sync/pull")
        .contains("Authorization: Bearer tok.en.value")
        .contains(StartupBanner.PUSH_BODY);
  }
}
