package org.homeamp.demo.ampsim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Core/Login} and the session check of every other call on one simulated host: a wrong password
 * answers {@code success:false} (and is counted, so tests can prove the client never retries it); a
 * call without a live session of its scope answers "Unauthorized Access ... Session.Exists".
 */
final class SimulatedLogin {

    private static final Logger log = LoggerFactory.getLogger(SimulatedLogin.class);

    private final HostConfig config;
    private final SessionStore sessions;
    private final Map<String, String> rememberTokens = new ConcurrentHashMap<>();
    private final AtomicInteger failedLogins = new AtomicInteger();

    SimulatedLogin(HostConfig config, SessionStore sessions) {
        this.config = config;
        this.sessions = sessions;
    }

    int failedLoginCount() {
        return failedLogins.get();
    }

    ObjectNode login(String scope, List<String> permissions, JsonNode request) {
        String username = request.path("username").asString("");
        String password = request.path("password").asString("");
        String token = request.path("token").asString("");
        boolean accepted = username.equals(config.username())
                && (!password.isEmpty() ? passwordMatches(password)
                        : !token.isEmpty() && username.equals(rememberTokens.get(token)));
        if (!accepted) {
            int failures = failedLogins.incrementAndGet();
            log.info("simulated AMP {}: rejected login for '{}' ({} rejected so far)", config.targetName(),
                    username, failures);
            ObjectNode refused = Envelopes.JSON.createObjectNode();
            refused.put("success", false);
            refused.put("result", 0);
            refused.put("resultReason", "Incorrect username or password");
            refused.put("sessionID", Envelopes.NIL_GUID);
            return refused;
        }
        SessionStore.Session session = sessions.open(scope);
        String rememberMeToken = "";
        if (request.path("rememberMe").asBoolean(false)) {
            rememberMeToken = UUID.randomUUID().toString();
            rememberTokens.put(rememberMeToken, username);
        }
        ObjectNode ok = Envelopes.JSON.createObjectNode();
        ok.put("success", true);
        ok.put("sessionID", session.id);
        ok.put("rememberMeToken", rememberMeToken);
        ArrayNode granted = ok.putArray("permissions");
        permissions.forEach(granted::add);
        ok.put("resultReason", "");
        ok.put("result", 10);
        ObjectNode user = ok.putObject("userInfo");
        user.put("ID", UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString());
        user.put("Username", username);
        user.put("EmailAddress", "");
        user.put("IsTwoFactorEnabled", false);
        user.put("Disabled", false);
        user.put("LastLogin", Envelopes.date(System.currentTimeMillis()));
        user.put("GravatarHash", "");
        user.put("AvatarBase64", "");
        user.put("IsLDAPUser", false);
        return ok;
    }

    private boolean passwordMatches(String password) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().parseHex(config.passwordSha256().toLowerCase(Locale.ROOT));
            return MessageDigest.isEqual(hash, expected);
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            log.warn("simulated AMP {}: host.json passwordSha256 is not a SHA-256 hex digest; refusing logins",
                    config.targetName());
            return false;
        }
    }

    /** Header first (AMP 2.6.2+), then body {@code SESSIONID} (the classic way); either is accepted. */
    SessionStore.Session session(String scope, String method, String bearer, JsonNode request) {
        SessionStore.Session session = sessions.use(bearer, scope);
        if (session == null) {
            JsonNode bodyId = request.get("SESSIONID");
            session = sessions.use(bodyId == null || bodyId.isNull() ? null : bodyId.asString(), scope);
        }
        if (session == null) {
            throw ApiFailure.of(Envelopes.unauthorized(method));
        }
        return session;
    }

}
