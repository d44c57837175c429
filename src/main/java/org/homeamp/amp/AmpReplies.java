package org.homeamp.amp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reading AMP's answers: its three HTTP-200 error envelopes turned into typed exceptions, and its
 * date and uptime formats. Stateless; shared by the client, its session handling and its transport.
 */
final class AmpReplies {
    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    private static final Pattern UPTIME = Pattern.compile("(?:(\\d+)[:.])?(\\d+):(\\d{1,2}):(\\d{1,2})(?:\\.\\d+)?");

    private AmpReplies() {
    }

    static boolean isFault(JsonNode answer) {
        return answer != null && answer.isObject() && answer.has("Title") && answer.has("Message") && answer.has("StackTrace");
    }

    static boolean isSessionExpired(JsonNode answer) {
        if (!isFault(answer)) {
            return false;
        }
        String title = text(answer, "Title");
        String message = text(answer, "Message");
        return "Unauthorized Access".equalsIgnoreCase(title) && message != null && message.contains("Session.Exists");
    }

    /** Turns AMP's HTTP-200 error envelopes into exceptions; {@code what} names the call. */
    static void raiseOnError(JsonNode answer, String what) {
        if (answer == null || !answer.isObject()) {
            return;
        }
        if (isFault(answer)) {
            String title = text(answer, "Title");
            String message = text(answer, "Message");
            if ("Instance Unavailable".equalsIgnoreCase(title)) {
                throw new AmpException.InstanceUnavailable(title, what + " failed: Instance Unavailable (" + message
                        + "): the instance's AMP process is down or restarting; start the instance in AMP or try again later");
            }
            String advice = "Unauthorized Access".equalsIgnoreCase(title)
                    ? "give the AMP user the permission named above"
                    : "look at AMP's log for this error";
            throw new AmpException.Fault(title, what + " failed: " + title + " (" + message + "): " + advice);
        }
        JsonNode status = answer.get("Status");
        if (status != null && status.isBoolean() && !status.asBoolean()) {
            throw new AmpException.ActionFailed(what + " failed: " + reasonOf(text(answer, "Reason")) + ": check the instance in AMP");
        }
        JsonNode success = answer.get("success");
        if (success != null && success.isBoolean() && !success.asBoolean()) {
            throw new AmpException.ActionFailed(what + " failed: " + reasonOf(text(answer, "resultReason")) + ": check the instance in AMP");
        }
    }

    static String reasonOf(String reason) {
        return reason == null || reason.isBlank() ? "AMP gave no reason" : reason;
    }

    /** Older AMP versions wrapped list results as {@code {"result": [...]}}. */
    static JsonNode unwrapResult(JsonNode answer) {
        if (answer != null && answer.isObject() && answer.size() == 1 && answer.has("result")) {
            return answer.get("result");
        }
        return answer;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The start of a body for messages, whitespace folded. */
    static String snippet(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return "('" + (text.length() > 80 ? text.substring(0, 80) + "...'" : text + "'") + ")";
    }

    /** AMP sends {@code /Date(ms)/} (.NET) or ISO-8601 dates depending on version; anything else is "unknown". */
    static Instant parseDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher ms = MS_DATE.matcher(value.strip());
        if (ms.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(ms.group(1)));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    /** {@code hh:mm:ss}, {@code d:hh:mm:ss} or {@code d.hh:mm:ss}; null when absent or unreadable. */
    static Duration parseUptime(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = UPTIME.matcher(value.strip());
        if (!m.matches()) {
            return null;
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        return Duration.ofDays(days).plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3))).plusSeconds(Long.parseLong(m.group(4)));
    }
}
