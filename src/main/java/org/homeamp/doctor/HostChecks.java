package org.homeamp.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Java version, free disk in the state dir, and the nightly timer's state in systemd. */
final class HostChecks {
    static final String TIMER = "homeamp-nightly.timer";
    private static final int MIN_JAVA = 17;

    private HostChecks() {
    }

    static CheckResult java(int feature, String description) {
        if (feature < MIN_JAVA) {
            return CheckResult.fail("java", "Java " + description + " is older than " + MIN_JAVA,
                    "apt-get install openjdk-17-jre-headless (Debian 13: openjdk-21-jre-headless), then update-alternatives --config java");
        }
        return CheckResult.ok("java", "Java " + description);
    }

    /**
     * Free space where the state dir lives against what the next night needs: the pending downloads
     * it will stage, and never less than {@code minFree}.
     */
    static CheckResult disk(Path stateDir, long minFree, long pendingDownloads) {
        Path existing = stateDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return CheckResult.skip("disk", "not checked: " + stateDir + " and its parents do not exist");
        }
        long need = Math.max(minFree, pendingDownloads);
        String why = pendingDownloads > minFree ? "the pending downloads need " + size(pendingDownloads)
                : "at least " + size(minFree) + (pendingDownloads > 0 ? " (pending downloads " + size(pendingDownloads) + ")" : "");
        try {
            FileStore store = Files.getFileStore(existing);
            long free = store.getUsableSpace();
            if (free < need) {
                return CheckResult.fail("disk", size(free) + " free for " + stateDir + "; " + why,
                        "free space on that disk (old reports: homeamp.reports.keep-days; old deployment backups: homeamp.deploy.keep-backups-days), or move the state dir");
            }
            return CheckResult.ok("disk", size(free) + " free for " + stateDir + "; " + why);
        } catch (IOException e) {
            return CheckResult.fail("disk", "cannot read the free space of " + existing + ": " + e.getMessage(), "check the disk");
        }
    }

    /** {@code systemctl is-enabled / is-active} of the timer; skipped where systemd does not run. */
    static CheckResult timer(String systemctl) {
        if (!Files.isDirectory(Path.of("/run/systemd/system")) && systemctl.equals("systemctl")) {
            return CheckResult.skip("timer", "not checked: systemd does not run on this host");
        }
        Optional<String> enabled = run(systemctl, "is-enabled", TIMER);
        if (enabled.isEmpty()) {
            return CheckResult.skip("timer", "not checked: '" + systemctl + "' cannot be run here");
        }
        String state = enabled.get();
        if (state.equals("not-found") || state.isEmpty()) {
            return CheckResult.warn("timer", TIMER + " is not installed, so nothing runs the nightly",
                    "run install.sh, or run the nightly from cron: /opt/homeamp/jobs/nightly.sh");
        }
        if (!state.equals("enabled")) {
            return CheckResult.warn("timer", TIMER + " is " + state + ": the nightly does not run", "systemctl enable --now " + TIMER);
        }
        String active = run(systemctl, "is-active", TIMER).orElse("unknown");
        if (!active.equals("active")) {
            return CheckResult.warn("timer", TIMER + " is enabled but " + active, "systemctl start " + TIMER);
        }
        return CheckResult.ok("timer", TIMER + " is enabled and active ('systemctl list-timers " + TIMER + "' shows the next run)");
    }

    private static Optional<String> run(String systemctl, String verb, String unit) {
        try {
            Process p = new ProcessBuilder(systemctl, verb, unit).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroy();
                return Optional.empty();
            }
            // is-enabled/is-active exit non-zero for disabled or inactive units; the word says which
            return Optional.of(out.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KiB";
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** Parses a size as an operator writes it: {@code 512M}, {@code 2G}, {@code 100k}, or plain bytes. */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
        long factor = 1;
        if (t.endsWith("K")) {
            factor = 1024;
        } else if (t.endsWith("M")) {
            factor = 1024L * 1024;
        } else if (t.endsWith("G")) {
            factor = 1024L * 1024 * 1024;
        } else if (t.endsWith("T")) {
            factor = 1024L * 1024 * 1024 * 1024;
        }
        String number = factor == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(number.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write e.g. 512M, 2G or a number of bytes");
        }
    }
}
