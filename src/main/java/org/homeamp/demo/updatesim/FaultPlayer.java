package org.homeamp.demo.updatesim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

/** Decides per request whether the simulator answers with a fault instead, and answers it. Thread-safe. */
final class FaultPlayer {
    /** How often each (method, URL) was asked since the mode was set; guarded by itself. */
    private final Map<String, Integer> askedBefore = new HashMap<>();
    private final AtomicLong served = new AtomicLong();
    private SimulatedFaults mode = SimulatedFaults.NONE;

    void play(SimulatedFaults faults) {
        synchronized (askedBefore) {
            askedBefore.clear();
            mode = faults;
        }
    }

    long served() {
        return served.get();
    }

    /** Answers with the fault the mode asks for, if any; true when it did. */
    boolean answered(HttpExchange exchange) throws IOException {
        SimulatedFaults faults;
        int asked;
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        synchronized (askedBefore) {
            faults = mode;
            asked = askedBefore.merge(key, 1, Integer::sum) - 1;
        }
        if (faults.rateLimitFirstRequest() && asked == 0) {
            served.incrementAndGet();
            exchange.getResponseHeaders().set("Retry-After", "1");
            UpdateSourceSimulator.send(exchange, 429, "application/json", "{\"error\":\"ratelimited\"}".getBytes(StandardCharsets.UTF_8), null);
            return true;
        }
        // the choice depends on the URL and its count only, so concurrent requests in any order meet the same faults
        if (faults.errorRate() > 0 && new SplittableRandom(faults.seed() ^ (key.hashCode() * 31L + asked)).nextDouble() < faults.errorRate()) {
            served.incrementAndGet();
            UpdateSourceSimulator.send(exchange, 500, "text/plain", "simulated server error".getBytes(StandardCharsets.UTF_8), null);
            return true;
        }
        return false;
    }
}
