package org.homeamp.demo.updatesim;

/**
 * Faults the simulated update source plays, for tests (and demos) of the nightly under real conditions.
 *
 * @param rateLimitFirstRequest the first request of each URL (API call or file) is answered HTTP 429 with
 *                              {@code Retry-After: 1}; the next one is served
 * @param errorRate             share of requests answered HTTP 500, 0..1; which ones depends only on the seed,
 *                              the URL and how often it was asked, not on the order of concurrent requests
 * @param seed                  the seed of the error choice
 */
public record SimulatedFaults(boolean rateLimitFirstRequest, double errorRate, long seed) {
    /** No faults: every request is served. */
    public static final SimulatedFaults NONE = new SimulatedFaults(false, 0, 0);

    public SimulatedFaults {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("errorRate must be within 0..1: " + errorRate);
        }
    }

    /** Every URL answers 429 + {@code Retry-After: 1} once, then serves. */
    public static SimulatedFaults rateLimitFirst() {
        return new SimulatedFaults(true, 0, 0);
    }

    /** Seeded HTTP 500s at the given rate. */
    public static SimulatedFaults errorRate(double rate, long seed) {
        return new SimulatedFaults(false, rate, seed);
    }
}
