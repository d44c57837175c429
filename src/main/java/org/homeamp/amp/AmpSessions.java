package org.homeamp.amp;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sessions of one AMP client: one for the controller and one per proxied instance, each obtained
 * by a single login even when several threads need it at once. After one rejected password no
 * login is sent again, because AMP blocks an address after a few failed logins; a refusal that only
 * concerns one instance (no access, suspended) blocks that instance only.
 */
final class AmpSessions {
    private static final Logger log = LoggerFactory.getLogger(AmpSessions.class);

    /** Session key of the controller (ADS) itself. */
    static final String CONTROLLER = "";
    /** AMP drops sessions after about 5 minutes idle; logging in again a little earlier saves a failed call. */
    private static final Duration IDLE_RELOGIN = Duration.ofMinutes(4);
    /** AuthenticationResult codes that concern one instance only, not the password. */
    private static final int NO_INSTANCE_ACCESS = 5;
    private static final int INSTANCE_SUSPENDED = 6;
    private static final String NIL_SESSION = "00000000-0000-0000-0000-000000000000";

    /** One cached session; its monitor makes logins single-flight. */
    private static final class SessionSlot {
        private String sessionId;
        private long lastUsedNanos;
        private String rejected;
    }

    private final AmpConnection connection;
    private final AmpTransport transport;
    private final JsonMapper json;
    private final Map<String, SessionSlot> sessions = new ConcurrentHashMap<>();
    /** Set once by the first rejected password; from then on every call fails without network. */
    private volatile String passwordRejected;
    private volatile boolean passwordAccepted;

    AmpSessions(AmpConnection connection, AmpTransport transport, JsonMapper json) {
        this.connection = connection;
        this.transport = transport;
        this.json = json;
    }

    /** The session for {@code key} ({@link #CONTROLLER} or an instance id), logging in if there is none. */
    String sessionFor(String key) {
        refuseIfPasswordRejected();
        if (!CONTROLLER.equals(key) && !passwordAccepted) {
            // The controller checks the password once, so a wrong one is never sent to many instances in parallel.
            sessionFor(CONTROLLER);
        }
        SessionSlot slot = slot(key);
        synchronized (slot) {
            refuseIfPasswordRejected();
            if (slot.rejected != null) {
                throw new AmpException.LoginRejected(slot.rejected);
            }
            if (slot.sessionId != null && System.nanoTime() - slot.lastUsedNanos < IDLE_RELOGIN.toNanos()) {
                return slot.sessionId;
            }
            slot.sessionId = login(key, slot);
            slot.lastUsedNanos = System.nanoTime();
            return slot.sessionId;
        }
    }

    /** Drops {@code staleSession} of {@code key}, unless another thread already replaced it. */
    void forget(String key, String staleSession) {
        SessionSlot slot = slot(key);
        synchronized (slot) {
            if (Objects.equals(slot.sessionId, staleSession)) {
                slot.sessionId = null;
            }
        }
    }

    void touch(String key) {
        SessionSlot slot = slot(key);
        synchronized (slot) {
            slot.lastUsedNanos = System.nanoTime();
        }
    }

    void clear() {
        sessions.clear();
    }

    private SessionSlot slot(String key) {
        return sessions.computeIfAbsent(key, k -> new SessionSlot());
    }

    private void refuseIfPasswordRejected() {
        String reason = passwordRejected;
        if (reason != null) {
            throw new AmpException.LoginRejected(reason + " (not tried again: an earlier login was rejected)");
        }
    }

    private String login(String key, SessionSlot slot) {
        String instanceId = CONTROLLER.equals(key) ? null : key;
        String what = transport.describe(instanceId, "Core", "Login");
        ObjectNode body = json.createObjectNode()
                .put("username", connection.username())
                .put("password", connection.password().reveal())
                .put("token", "")
                .put("rememberMe", false);
        log.debug("logging in: {}", what);
        JsonNode answer = transport.post(what, transport.url(instanceId, "Core", "Login"), body, null);
        if (answer != null && answer.has("success") && !answer.path("success").asBoolean(false)) {
            throw rejected(instanceId, slot, answer);
        }
        AmpReplies.raiseOnError(answer, what);
        String session = answer == null ? null : AmpReplies.text(answer, "sessionID");
        if (session == null || session.isBlank() || session.equals(NIL_SESSION)) {
            throw new AmpException("AMP server '" + connection.serverName() + "' (" + connection.displayUrl() + ") accepted "
                    + what + " but returned no session: check that the URL points at AMP and that the user may log in via the API");
        }
        passwordAccepted = true;
        return session;
    }

    private AmpException.LoginRejected rejected(String instanceId, SessionSlot slot, JsonNode answer) {
        int result = answer.path("result").asInt(0);
        String reason = AmpReplies.text(answer, "resultReason");
        String message = "AMP server '" + connection.serverName() + "' (" + connection.displayUrl() + ") rejected the login of user '"
                + connection.username() + "'" + (instanceId == null ? "" : " on instance " + instanceId)
                + ": " + (reason == null || reason.isBlank() ? "no reason given (result " + result + ")" : reason);
        if (instanceId != null && (result == NO_INSTANCE_ACCESS || result == INSTANCE_SUSPENDED)) {
            slot.rejected = message + ". Give the user access to this instance (or unsuspend it) in AMP";
            return new AmpException.LoginRejected(slot.rejected);
        }
        passwordRejected = message + ". Fix the username or password for this server in homeamp.yml; "
                + "this tool does not retry because AMP blocks addresses after repeated failed logins";
        log.warn("{}", passwordRejected);
        return new AmpException.LoginRejected(passwordRejected);
    }
}
