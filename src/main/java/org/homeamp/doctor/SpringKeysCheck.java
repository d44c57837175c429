package org.homeamp.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code spring.*} keys of homeamp.yml. The loader passes them to Spring unchecked, and Spring
 * ignores a key it does not know, so {@code spring.mail.hots} would silently send every mail to the
 * outbox. Each key homeamp does not use is a warning naming the nearest key it does use.
 */
final class SpringKeysCheck {
    /** The spring.* keys homeamp reads or documents (docs/configuration.md). */
    static final Set<String> KNOWN = Set.of(
            "spring.mail.host", "spring.mail.port", "spring.mail.username", "spring.mail.password", "spring.mail.protocol",
            "spring.mail.default-encoding", "spring.mail.test-connection", "spring.mail.jndi-name",
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password", "spring.datasource.password-file",
            "spring.datasource.driver-class-name",
            "spring.main.banner-mode", "spring.main.web-application-type", "spring.main.log-startup-info",
            "spring.batch.job.enabled", "spring.batch.jdbc.initialize-schema", "spring.batch.jdbc.continue-on-error",
            "spring.batch.jdbc.schema", "spring.batch.jdbc.table-prefix", "spring.flyway.locations", "spring.flyway.enabled");
    /** Keys below these are free-form (JavaMail properties, pool settings, FreeMarker settings). */
    static final List<String> FREE_FORM = List.of("spring.mail.properties.", "spring.datasource.hikari.", "spring.freemarker.");

    private SpringKeysCheck() {
    }

    static List<CheckResult> check(Map<String, String> springProperties) {
        List<CheckResult> results = new ArrayList<>();
        for (String key : new TreeSet<>(springProperties.keySet())) {
            if (KNOWN.contains(key) || FREE_FORM.stream().anyMatch(key::startsWith)) {
                continue;
            }
            String nearest = nearest(key);
            if (nearest != null) {
                results.add(CheckResult.warn("spring keys", key + " is not a setting homeamp uses; did you mean " + nearest + "?",
                        "rename it to " + nearest + " (see docs/configuration.md)"));
            } else {
                results.add(CheckResult.warn("spring keys", key + " is not a setting homeamp uses; Spring ignores unknown keys",
                        "remove it, or check its spelling in docs/configuration.md"));
            }
        }
        if (results.isEmpty()) {
            results.add(CheckResult.ok("spring keys", springProperties.size() + " spring.* settings, all known"));
        }
        return results;
    }

    /** The known key closest to {@code key}, if it is close enough to be a typo of it. */
    static String nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : new TreeSet<>(KNOWN)) {
            int d = distance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        int allowed = Math.max(2, key.length() / 6);
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
