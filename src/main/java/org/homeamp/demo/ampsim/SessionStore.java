package org.homeamp.demo.ampsim;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Sessions of one simulated host. Each session belongs to one scope, the controller or one instance,
 * because real AMP refuses a controller session on a proxied call and the client must cope with that.
 */
final class SessionStore {

    /** Scope of sessions opened by {@code /API/Core/Login} on the controller itself. */
    static final String CONTROLLER = "ADS";

    /** Mutable per-session data; the console cursor is why GetUpdates answers "since the last call". */
    static final class Session {
        final String id;
        final String scope;
        volatile long lastUsedNanos;
        final AtomicInteger uses = new AtomicInteger();
        long consoleCursor;

        Session(String id, String scope, long now) {
            this.id = id;
            this.scope = scope;
            this.lastUsedNanos = now;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final LongSupplier nanoClock;
    private volatile int maxCalls;

    SessionStore(int idleSeconds, LongSupplier nanoClock) {
        this.idleNanos = idleSeconds * 1_000_000_000L;
        this.nanoClock = nanoClock;
    }

    /** Sessions expire after this many calls (0 = only when idle), to exercise the client's re-login. */
    void setMaxCalls(int maxCalls) {
        this.maxCalls = Math.max(0, maxCalls);
    }

    Session open(String scope) {
        Session session = new Session(UUID.randomUUID().toString(), scope, nanoClock.getAsLong());
        sessions.put(session.id, session);
        return session;
    }

    /** The live session with this id in this scope, touched; null when unknown, expired or of another scope. */
    Session use(String id, String scope) {
        if (id == null) {
            return null;
        }
        Session session = sessions.get(id);
        if (session == null) {
            return null;
        }
        long now = nanoClock.getAsLong();
        if (now - session.lastUsedNanos > idleNanos) {
            sessions.remove(id);
            return null;
        }
        if (!session.scope.equals(scope)) {
            return null;
        }
        int limit = maxCalls;
        if (limit > 0 && session.uses.incrementAndGet() > limit) {
            sessions.remove(id);
            return null;
        }
        session.lastUsedNanos = now;
        return session;
    }

    void close(String id) {
        sessions.remove(id);
    }

    void closeScope(String scope) {
        sessions.values().removeIf(s -> s.scope.equals(scope));
    }

    void closeAll() {
        sessions.clear();
    }
}
