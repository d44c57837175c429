package org.homeamp.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeamp.config.HomeAmpSettings.DeploySettings;
import org.homeamp.config.HomeAmpSettings.PlansSettings;
import org.homeamp.config.HomeAmpSettings.ReportsSettings;

/** {@code homeamp.reports}, {@code homeamp.plans} and {@code homeamp.deploy}: what a run publishes and how approved plans are applied. */
final class ReportsSection {
    private static final List<String> REPORTS_KEYS = List.of("base-url", "keep-days");
    private static final List<String> PLANS_KEYS = List.of("expire-days");
    private static final List<String> DEPLOY_KEYS = List.of("parallel", "health-timeout", "keep-backups-days");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m|h)");
    private static final Duration MAX_HEALTH_TIMEOUT = Duration.ofHours(24);

    private ReportsSection() {
    }

    static ReportsSettings reports(ConfigMap homeamp) {
        ConfigMap reports = homeamp.map("reports", REPORTS_KEYS, "{ base-url: https://ops.example.org/homeamp/, keep-days: 90 }");
        if (reports == null) {
            return new ReportsSettings(null, 90);
        }
        String baseUrl = null;
        if (reports.has("base-url")) {
            URI uri = ConfigPaths.httpUrl(reports, "base-url", "https://ops.example.org/homeamp/", false);
            // Links are built as base-url + relative path, so the slash is kept on purpose.
            baseUrl = uri == null ? null : uri + "/";
        }
        Integer keepDays = reports.integer("keep-days", 1, Integer.MAX_VALUE, "90");
        return new ReportsSettings(baseUrl, keepDays == null ? 90 : keepDays);
    }

    static PlansSettings plans(ConfigMap homeamp) {
        ConfigMap plans = homeamp.map("plans", PLANS_KEYS, "{ expire-days: 7 }");
        Integer expireDays = plans == null ? null : plans.integer("expire-days", 1, Integer.MAX_VALUE, "7");
        return new PlansSettings(expireDays == null ? 7 : expireDays);
    }

    /** @param reportsKeepDays {@code reports.keep-days}: the default of {@code deploy.keep-backups-days} */
    static DeploySettings deploy(ConfigMap homeamp, int reportsKeepDays) {
        ConfigMap deploy = homeamp.map("deploy", DEPLOY_KEYS, "{ parallel: 1, health-timeout: 180s, keep-backups-days: 90 }");
        if (deploy == null) {
            return DeploySettings.defaults(reportsKeepDays);
        }
        Integer parallel = deploy.integer("parallel", 1, Integer.MAX_VALUE, "1");
        Duration healthTimeout = healthTimeout(deploy);
        Integer keepBackupsDays = deploy.integer("keep-backups-days", 1, Integer.MAX_VALUE, String.valueOf(reportsKeepDays));
        return new DeploySettings(parallel == null ? DeploySettings.DEFAULT_PARALLEL : parallel,
                healthTimeout == null ? DeploySettings.DEFAULT_HEALTH_TIMEOUT : healthTimeout,
                keepBackupsDays == null ? reportsKeepDays : keepBackupsDays);
    }

    /** A duration with its unit: {@code 180s}, {@code 3m} or {@code 1h}; a bare number is refused, it could mean either. */
    private static Duration healthTimeout(ConfigMap deploy) {
        String raw = deploy.string("health-timeout", "180s");
        if (raw == null) {
            return null;
        }
        String fix = "write a duration with its unit, e.g. health-timeout: 180s or health-timeout: 3m (at most 24h)";
        Matcher m = DURATION.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            deploy.problem("health-timeout", raw, raw.strip().matches("\\d+") ? "has no unit" : "is not a duration", fix);
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (d.isZero() || d.compareTo(MAX_HEALTH_TIMEOUT) > 0) {
            deploy.problem("health-timeout", raw, "is out of range, expected more than 0 and at most 24h", fix);
            return null;
        }
        return d;
    }
}
