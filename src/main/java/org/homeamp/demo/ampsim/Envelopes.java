package org.homeamp.demo.ampsim;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response shapes AMP uses, all sent with HTTP 200. Kept in one place so every endpoint answers
 * errors exactly like the captured envelopes in the research notes, not in a shape of its own.
 */
final class Envelopes {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String NIL_GUID = "00000000-0000-0000-0000-000000000000";

    private Envelopes() {
    }

    /** The {@code {Title,Message,StackTrace}} fault; a null stack trace is serialised as JSON null. */
    static ObjectNode fault(String title, String message, String stackTrace) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Title", title);
        node.put("Message", message);
        if (stackTrace == null) {
            node.putNull("StackTrace");
        } else {
            node.put("StackTrace", stackTrace);
        }
        return node;
    }

    /** Captured from a live controller; the method name is the last segment of the called path. */
    static ObjectNode unauthorized(String method) {
        return fault("Unauthorized Access", "You do not have permission to use this method (GSMyAdmin.WebServer."
                + method + ") at this time. This method requires the Session.Exists permission.", "");
    }

    static ObjectNode instanceUnavailable() {
        return fault("Instance Unavailable", "The requested instance is not available at this time.", null);
    }

    static ObjectNode actionOk() {
        ObjectNode node = JSON.createObjectNode();
        node.put("Status", true);
        node.put("Reason", "");
        node.put("SupportTitle", "");
        node.put("SupportURL", "");
        return node;
    }

    /** Two keys only, exactly as captured ({@code {"Status":false,"Reason":"No such instance with this name"}}). */
    static ObjectNode actionFailed(String reason) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Status", false);
        node.put("Reason", reason);
        return node;
    }

    /** .NET's JSON date form, which AMP still uses for timestamps. */
    static String date(long epochMillis) {
        return "/Date(" + epochMillis + ")/";
    }
}
