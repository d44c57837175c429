package org.homeamp.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.homeamp.drift.FindingKind;
import org.homeamp.drift.FindingState;
import org.homeamp.drift.StoredFinding;

/** Plans built for tests: a handful of realistic changes, one secret, one unverified plugin update. */
final class TestPlans {
    /** The clear secret behind the secret row's fingerprints; must never reach a workbook. */
    static final String PLANTED_SECRET = "hunter2-Planted-Rcon-Secret-9f7e";
    static final String PLANTED_SECRET_NEW = "NewPlantedToken-4c1d-XYZ";
    static final Instant CREATED = Instant.parse("2026-11-25T02:00:00Z");
    static final Instant EXPIRES = CREATED.plus(Duration.ofDays(7));

    private TestPlans() {
    }

    /** A short fingerprint as the drift step shows secrets. */
    static String fingerprint(String clear) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(clear.getBytes(StandardCharsets.UTF_8));
            return "secret sha256:" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ProposedChange> sampleChanges() {
        List<ProposedChange> changes = new ArrayList<>();
        changes.add(config("lobby", "Lobby01", "Essentials", "plugins/Essentials/config.yml", "teleport-cooldown", "0", "3",
                "baseline plugins/Essentials/config.yml"));
        changes.add(config("lobby", "Lobby01", null, "server.properties", "view-distance", "12", "8", "baseline server/server.properties"));
        changes.add(new ProposedChange(ProposedChange.stableId("survival", "Survival01", ChangeType.CONFIG, null, "server.properties", "rcon.password"),
                "survival", "Survival01", ChangeType.CONFIG, null, "server.properties", "rcon.password",
                fingerprint(PLANTED_SECRET), fingerprint(PLANTED_SECRET_NEW), "secret: values shown as fingerprints", true, null));
        changes.add(new ProposedChange(ProposedChange.stableId("survival", "Survival01", ChangeType.NEW_FILE, "Vault", "plugins/Vault/config.yml", null),
                "survival", "Survival01", ChangeType.NEW_FILE, "Vault", "plugins/Vault/config.yml", null,
                "(absent)", "new file, 14 lines, sha256 9c1e77aa", "baseline plugins/Vault/config.yml", false, null));
        changes.add(update("lobby", "Lobby01", "LuckPerms", "5.4.140", "5.4.145", "sha512 verified"));
        changes.add(update("survival", "Survival01", "ViaVersion", "5.1.0", "5.2.1", "UNVERIFIED"));
        return changes;
    }

    static ProposedChange config(String server, String instance, String plugin, String file, String setting,
                                 String current, String proposed, String details) {
        return new ProposedChange(ProposedChange.stableId(server, instance, ChangeType.CONFIG, plugin, file, setting),
                server, instance, ChangeType.CONFIG, plugin, file, setting, current, proposed, details, false, null);
    }

    static ProposedChange update(String server, String instance, String plugin, String from, String to, String checksum) {
        String file = "plugins/" + plugin + "-" + from + ".jar";
        return new ProposedChange(ProposedChange.stableId(server, instance, ChangeType.PLUGIN_UPDATE, plugin, file, null),
                server, instance, ChangeType.PLUGIN_UPDATE, plugin, file, null, from, to,
                "modrinth release, https://modrinth.com/plugin/" + plugin.toLowerCase() + "/changelog", false, checksum);
    }

    static List<StoredFinding> sampleDrift() {
        return List.of(
                new StoredFinding("D-1a2b3c", "lobby", "Lobby01", "plugins/Essentials/config.yml", "teleport-cooldown", FindingKind.CHANGED,
                        "3", "0", FindingState.NEW, LocalDate.of(2026, 11, 25), null, null, null),
                new StoredFinding("D-4d5e6f", "survival", "Survival01", "server.properties", "rcon.password", FindingKind.CHANGED,
                        fingerprint(PLANTED_SECRET_NEW), fingerprint(PLANTED_SECRET), FindingState.OPEN, LocalDate.of(2026, 11, 20), null, null, null));
    }

    static List<UpdateRow> sampleUpdates() {
        return List.of(
                new UpdateRow("lobby", "Lobby01", "LuckPerms", "5.4.140", "5.4.145", "UPDATE_AVAILABLE", "release", "modrinth",
                        "sha512:0f3a…", true),
                new UpdateRow("survival", "Survival01", "ViaVersion", "5.1.0", "5.2.1", "UPDATE_AVAILABLE", "release", "url",
                        "UNVERIFIED", true),
                new UpdateRow("lobby", "Lobby01", "Essentials", "2.21.0", "2.21.0", "UP_TO_DATE", "release", "github", "", false));
    }

    static Plan plan(String planId) {
        return new Plan(planId, CREATED, EXPIRES, sampleChanges(), sampleDrift(), sampleUpdates());
    }

    /** A plan of {@code changes} config rows and {@code updates} Updates-sheet rows, for size tests. */
    static Plan large(String planId, int changes, int updates) {
        List<ProposedChange> rows = new ArrayList<>(changes);
        for (int i = 0; i < changes; i++) {
            String instance = "Instance" + (i % 80);
            rows.add(config("srv" + (i % 3), instance, "Plugin" + (i % 40), "plugins/Plugin" + (i % 40) + "/config.yml",
                    "section.key" + i, "old-" + i, "new-" + i, "baseline rule " + (i % 17)));
        }
        List<UpdateRow> updateRows = new ArrayList<>(updates);
        for (int i = 0; i < updates; i++) {
            updateRows.add(new UpdateRow("srv" + (i % 3), "Instance" + (i % 80), "Plugin" + i, "1.0." + i, "1.1." + i,
                    "UPDATE_AVAILABLE", "release", "modrinth", "sha512:" + i, i % 2 == 0));
        }
        return new Plan(planId, CREATED, EXPIRES, rows, List.of(), updateRows);
    }
}
