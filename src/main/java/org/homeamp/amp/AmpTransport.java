package org.homeamp.amp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One HTTP POST to AMP and back: URL building, headers, and every way the answer can fail before it
 * is AMP's JSON (no answer, an HTTP error status with its {@code Retry-After}, a body that is not
 * JSON). Sends each request once; retrying is the client's decision, because only it knows which
 * calls are idempotent.
 */
final class AmpTransport {
    private static final Logger log = LoggerFactory.getLogger(AmpTransport.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final String ACCEPT = "application/json, text/javascript";

    private final AmpConnection connection;
    private final OkHttpClient http;
    private final JsonMapper json;

    AmpTransport(AmpConnection connection, OkHttpClient http, JsonMapper json) {
        this.connection = connection;
        this.http = http;
        this.json = json;
    }

    HttpUrl url(String instanceId, String module, String method) {
        HttpUrl.Builder b = HttpUrl.get(connection.baseUrl().toString()).newBuilder().addPathSegment("API");
        if (instanceId != null) {
            b.addPathSegment("ADSModule").addPathSegment("Servers").addPathSegment(instanceId).addPathSegment("API");
        }
        return b.addPathSegment(module).addPathSegment(method).build();
    }

    String describe(String instanceId, String module, String method) {
        return module + "/" + method + (instanceId == null ? "" : " for instance " + instanceId)
                + " on AMP server '" + connection.serverName() + "' (" + connection.displayUrl() + ")";
    }

    /** POSTs {@code body}; returns the parsed answer, or null for AMP's empty answer to void methods. */
    JsonNode post(String what, HttpUrl url, ObjectNode body, String session) {
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("Accept", ACCEPT)
                .header("User-Agent", connection.userAgent())
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE));
        if (session != null) {
            request.header("Authorization", "Bearer " + session);
        }
        long start = System.nanoTime();
        byte[] bytes;
        int code;
        String retryAfter;
        try (Response response = http.newCall(request.build()).execute()) {
            code = response.code();
            retryAfter = response.header("Retry-After");
            bytes = response.body().bytes();
        } catch (InterruptedIOException e) {
            throw new AmpException.Unreachable(what + " got no answer within " + connection.callTimeout().toSeconds()
                    + " s: check that AMP is running and reachable from here, or raise the call timeout", e);
        } catch (IOException e) {
            throw new AmpException.Unreachable(what + " failed: " + e.getMessage()
                    + ": check the URL in homeamp.yml and that AMP is running and reachable from here", e);
        }
        log.debug("{} answered HTTP {} ({} bytes) in {} ms", what, code, bytes.length, Duration.ofNanos(System.nanoTime() - start).toMillis());
        if (code < 200 || code > 299) {
            throw new AmpException.HttpStatus(what + " answered HTTP " + code + " " + AmpReplies.snippet(bytes)
                    + ": AMP itself answers with HTTP 200, so this comes from something in between (a reverse proxy, or AMP restarting); "
                    + "check that AMP is up and that the URL in homeamp.yml points at it", code, parseRetryAfter(retryAfter));
        }
        if (AmpReplies.isBlank(bytes)) {
            return null;
        }
        try {
            // parsed from the bytes: file chunks arrive as megabytes of base64 in one string, and the
            // byte-based parser reads them several times faster than one fed from a String
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw new AmpException.Unreachable(what + " answered HTTP " + code + " with something that is not JSON " + AmpReplies.snippet(bytes)
                    + ": the URL may point at a web page or a reverse proxy's error page instead of AMP; check the URL in homeamp.yml",
                    null, false);
        }
    }

    /** {@code Retry-After} is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
