package org.homeamp.demo.ampsim;

/**
 * Random faults of one simulated host: a share of calls answers HTTP 500 or AMP's HTTP-200
 * "Instance Unavailable" envelope (half each), another share HTTP 429 with {@code Retry-After}.
 * Whether a call fails is a function of the seed, its path and how many calls to that path came
 * before, not of a shared random stream: parallel partitions call different paths (the instance id
 * is in the path), so a run with a given seed meets the same faults however its threads interleave.
 */
final class FaultPlan {

    /** What a call gets instead of its answer. */
    enum Fault {
        NONE, HTTP_500, INSTANCE_UNAVAILABLE, TOO_MANY_REQUESTS
    }

    private final long seed;
    private volatile double errorRate;
    private volatile double throttleRate;
    private volatile int retryAfterSeconds;

    FaultPlan(long seed, double errorRate, double throttleRate, int retryAfterSeconds) {
        this.seed = seed;
        set(errorRate, throttleRate, retryAfterSeconds);
    }

    static FaultPlan none() {
        return new FaultPlan(0, 0, 0, 1);
    }

    void set(double errorRate, double throttleRate, int retryAfterSeconds) {
        if (errorRate < 0 || errorRate > 1 || throttleRate < 0 || throttleRate > 1 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("fault rates must lie in 0..1 and Retry-After must not be negative, got "
                    + errorRate + ", " + throttleRate + ", " + retryAfterSeconds);
        }
        this.errorRate = errorRate;
        this.throttleRate = throttleRate;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The fault for call number {@code nth} (1 = the first) to {@code path}. */
    Fault next(String path, int nth) {
        double error = errorRate;
        double throttle = throttleRate;
        if (error == 0 && throttle == 0) {
            return Fault.NONE;
        }
        long bits = mix(seed * 0x9E3779B97F4A7C15L + path.hashCode() * 0xC2B2AE3D27D4EB4FL + nth);
        double draw = (bits >>> 11) * 0x1.0p-53;
        boolean heads = (bits & 1) == 0;
        if (draw < error) {
            return heads ? Fault.HTTP_500 : Fault.INSTANCE_UNAVAILABLE;
        }
        if (draw < error + throttle) {
            return Fault.TOO_MANY_REQUESTS;
        }
        return Fault.NONE;
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
