package org.homeamp.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.homeamp.amp.AmpClient;
import org.homeamp.amp.AmpException;

/**
 * Restarts an instance through AMP and decides whether it came back healthy (SPEC §10.5): AMP state
 * READY within the health timeout, and nothing in the console since the restart that says a touched
 * plugin failed to load or enable, or that the server could not bind its port.
 */
final class HealthCheck {
    private static final Pattern BIND = Pattern.compile("(?i)FAILED TO BIND");

    /** Whether the instance is healthy, and if not, why (one sentence with the console line that said so). */
    record Result(boolean healthy, String reason) {
        static Result ok() {
            return new Result(true, null);
        }
    }

    private final Duration timeout;

    HealthCheck(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Restarts and checks.
     *
     * @param touched plugin names and jar file names this deployment touched on the instance
     * @throws AmpException.Unreachable and other transient AMP failures: the caller's partition fails and is resumed later
     */
    Result restartAndCheck(AmpClient amp, String instanceId, Collection<String> touched) {
        amp.consoleUpdates(instanceId); // drain: only lines printed after the restart count
        try {
            amp.restartAndAwaitReady(instanceId, timeout);
        } catch (AmpException.ActionFailed e) {
            return new Result(false, "AMP reports the instance FAILED after the restart (" + e.getMessage() + ")");
        } catch (AmpException.DeadlineExceeded e) {
            return new Result(false, "the instance did not become ready within " + timeout.toSeconds() + " s after the restart");
        }
        List<String> console = new ArrayList<>(amp.consoleUpdates(instanceId));
        return judge(console, touched);
    }

    /** Reads the console since the restart for errors of the touched plugins and port binding failures. */
    static Result judge(List<String> console, Collection<String> touched) {
        List<Pattern> plugin = new ArrayList<>();
        for (String name : touched) {
            String q = Pattern.quote(name);
            plugin.add(Pattern.compile("(?i)error occurred while (?:enabling|loading|initializing|disabling) " + q + "(?![\\w-])"));
            plugin.add(Pattern.compile("(?i)could not load '[^']*" + q + "[^']*'"));
            plugin.add(Pattern.compile("(?i)\\[" + q + "\\].*(?:\\bERROR\\b|exception while enabling|failed to enable)"));
        }
        for (String line : console) {
            if (BIND.matcher(line).find()) {
                return new Result(false, "the server could not bind its port: \"" + clip(line) + "\"");
            }
            for (Pattern p : plugin) {
                if (p.matcher(line).find()) {
                    return new Result(false, "the console shows a plugin error after the restart: \"" + clip(line) + "\"");
                }
            }
        }
        return Result.ok();
    }

    private static String clip(String line) {
        String s = line.strip();
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }
}
