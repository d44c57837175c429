package org.homeamp.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeyPathTest {

    @Test
    void printsDottedKeysAndIndices() {
        KeyPath path = KeyPath.root().child("components").index(2).child("class");

        assertThat(path.toString()).isEqualTo("components[2].class");
        assertThat(KeyPath.root().child("storage").child("pool-settings").child("maximum-lifetime").toString())
                .isEqualTo("storage.pool-settings.maximum-lifetime");
        assertThat(KeyPath.root().toString()).isEmpty();
    }

    @Test
    void keysWithDotsOrBracketsAreQuoted() {
        KeyPath path = KeyPath.root().child("items").child("minecraft:stone.name").child("a[b]").child("say \"hi\"");

        assertThat(path.toString()).isEqualTo("items.\"minecraft:stone.name\".\"a[b]\".\"say \\\"hi\\\"\"");
        assertThat(KeyPath.parse(path.toString())).isEqualTo(path);
    }

    @Test
    void propertiesKeysPrintAsWritten() {
        assertThat(KeyPath.ofPropertiesKey("rcon.password").toString()).isEqualTo("rcon.password");
        assertThat(KeyPath.parse("rcon.password")).isEqualTo(KeyPath.ofPropertiesKey("rcon.password"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a.b.c", "components[2].class", "[0].name", "a[1][2]", "\"\"", "\"x.y\".z",
        "\"  padded \"", "\"*\"", "\"back\\\\slash\""})
    void printedPathsRoundTrip(String text) {
        assertThat(KeyPath.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void parseKeepsSegmentTypes() {
        assertThat(KeyPath.parse("a[3].b").segments()).isEqualTo(List.of("a", 3, "b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a[", "a[x]", "a.", "\"open", "a]b[0]x"})
    void malformedPathsAreRefused(String text) {
        assertThatThrownBy(() -> KeyPath.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
