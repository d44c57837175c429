package org.homeamp.updates.sources;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON reading shared by the sources; a body that is not what the source documents is {@link SourceException.Malformed}. */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static JsonNode read(SourceHttp.Answer answer, String expected) throws SourceException {
        try {
            JsonNode node = MAPPER.readTree(answer.body());
            if (node == null || node.isMissingNode()) {
                throw new SourceException.Malformed(answer.url() + " answered an empty body where " + expected
                        + " was expected", null);
            }
            return node;
        } catch (JacksonException e) {
            throw new SourceException.Malformed(answer.url() + " did not answer valid JSON (" + e.getOriginalMessage()
                    + ") where " + expected + " was expected: the source may have changed its API", e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String json(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
