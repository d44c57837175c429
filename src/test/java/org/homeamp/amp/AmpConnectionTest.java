package org.homeamp.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.homeamp.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmpConnectionTest {

    private static AmpConnection connection(String url) {
        return new AmpConnection("lab", URI.create(url), "u", new Secret("p"), "ua", Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://amp.example:8080", "https://amp.example:8080/", "https://amp.example:8080/API",
            "https://amp.example:8080/API/", "https://amp.example:8080/api"})
    void trailingSlashAndPastedApiAreStripped(String pasted) {
        assertThat(connection(pasted).baseUrl()).isEqualTo(URI.create("https://amp.example:8080"));
    }

    @Test
    void pathPrefixOfAReverseProxyIsKept() {
        assertThat(connection("https://example.org/amp/API/").baseUrl()).isEqualTo(URI.create("https://example.org/amp"));
    }

    @Test
    void displayUrlDropsUserInfo() {
        assertThat(connection("https://bob:hunter2@amp.example:8080/").displayUrl()).isEqualTo("https://amp.example:8080");
    }

    @Test
    void nonHttpUrlIsRefusedWithoutShowingUserInfo() {
        assertThatThrownBy(() -> connection("ftp://bob:hunter2@amp.example/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lab")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void passwordIsHiddenInToString() {
        assertThat(connection("http://amp.example:8080").toString()).doesNotContain("\"p\"").contains("****");
    }
}
