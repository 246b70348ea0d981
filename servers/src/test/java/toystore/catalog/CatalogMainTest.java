package toystore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CatalogMainTest {
  @Test
  void frontendUrlIsOneUrlOrACommaList() {
    assertThat(CatalogMain.frontendUrls("http://127.0.0.1:1234")).containsExactly("http://127.0.0.1:1234");
    assertThat(CatalogMain.frontendUrls("http://127.0.0.1:1234, http://127.0.0.1:1235"))
        .containsExactly("http://127.0.0.1:1234", "http://127.0.0.1:1235");
    assertThatThrownBy(() -> CatalogMain.frontendUrls(" , ")).hasMessageContaining("names no frontend");
  }
}
