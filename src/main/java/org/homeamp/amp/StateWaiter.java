package org.homeamp.amp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls an instance's status until it reaches a wanted state, fails, or a deadline passes. "Instance
 * Unavailable" counts as "not yet", because an instance answers that while it restarts.
 */
final class StateWaiter {
    private static final Logger log = LoggerFactory.getLogger(StateWaiter.class);

    private final AmpConnection connection;
    private final Function<String, AmpStatus> status;

    StateWaiter(AmpConnection connection, Function<String, AmpStatus> status) {
        this.connection = connection;
        this.status = status;
    }

    /**
     * @param accept decides, given the status read (null while unavailable), whether reaching
     *               {@code wanted} counts; e.g. READY only after a restart was seen
     */
    AmpState await(String instanceId, AmpState wanted, Duration deadline, Predicate<AmpStatus> accept) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        String last = "no answer yet";
        AmpState lastState = null;
        while (true) {
            AmpStatus now = read(instanceId, wanted);
            if (now != null) {
                lastState = now.state();
                last = lastState.name();
                if (lastState == AmpState.FAILED && wanted != AmpState.FAILED) {
                    throw new AmpException.ActionFailed(where(instanceId) + " reports state FAILED while waiting for " + wanted
                            + ": look at the instance's console in AMP, fix the cause and start it again");
                }
            } else {
                last = "instance unavailable";
            }
            if (accept.test(now) && now != null && lastState == wanted) {
                return lastState;
            }
            long nanos = System.nanoTime();
            if (nanos >= end) {
                long waited = Duration.ofNanos(nanos - start).toSeconds();
                throw new AmpException.DeadlineExceeded(where(instanceId) + " did not reach " + wanted + " within " + deadline.toSeconds()
                        + " s (last state: " + last + ", waited " + waited + " s): look at the instance's console in AMP; "
                        + "if it is only slow, raise the deadline", lastState);
            }
            sleep(Math.min(connection.pollInterval().toNanos(), end - nanos));
        }
    }

    private AmpStatus read(String instanceId, AmpState wanted) {
        try {
            return status.apply(instanceId);
        } catch (AmpException.InstanceUnavailable e) {
            log.debug("instance {} on AMP server '{}' unavailable while waiting for {}", instanceId, connection.serverName(), wanted);
            return null;
        }
    }

    private String where(String instanceId) {
        return "instance " + instanceId + " on AMP server '" + connection.serverName() + "' (" + connection.displayUrl() + ")";
    }

    void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmpException("interrupted while waiting for an instance on AMP server '" + connection.serverName() + "'", e);
        }
    }
}
