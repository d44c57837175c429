package org.homeamp.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.homeamp.baseline.ExpectedFile;
import org.homeamp.baseline.Rules;
import org.homeamp.formats.CompareMode;
import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.ConfigParser;
import org.homeamp.drift.DriftComparator;
import org.homeamp.drift.Finding;
import org.homeamp.drift.FindingKind;
import org.homeamp.formats.KeyPath;
import org.homeamp.formats.ParsedConfig;
import org.homeamp.drift.SecretMasker;
import org.homeamp.files.InstanceFiles;
import org.homeamp.formats.ConfigEditor;
import org.homeamp.formats.EditRefusedException;
import org.homeamp.formats.EditedFile;
import org.homeamp.formats.ValueChange;
import org.homeamp.inventory.InspectedJar;
import org.homeamp.inventory.JarInspector;
import org.homeamp.inventory.JarStatus;
import org.homeamp.inventory.WorkItem;

/**
 * Works out, from the live files of one instance and without writing anything, which approved rows
 * still apply and what each touched file becomes (SPEC §10, steps 1 and 3):
 * <ul>
 * <li>a {@code config} row applies while the scan, run again on the live file now, still finds the
 *     same drift at the row's key with the row's Current and Proposed (so an edit made since the plan,
 *     or a baseline that moved, refuses the row as stale);</li>
 * <li>the new value is the baseline's, typed as the expected file renders it, written by the minimal
 *     editor, whose result the scan's parser proves differs only at the approved keys;</li>
 * <li>a {@code new-file} row applies while the file is still missing; a {@code plugin-update} row
 *     while the installed jar is still the version the plan saw and the staged jar still verifies.</li>
 * </ul>
 */
final class ChangePreparer {
    private final Map<String, ExpectedFile> expected;
    private final Rules rules;
    private final ConfigParser parser;
    private final ConfigEditor editor;
    private final DriftComparator comparator;
    private final StagedJars stagedJars;
    private final Map<String, List<String>> installedJarsByPlugin;

    /**
     * @param expected              the instance's expected files, rendered as the scan renders them
     * @param installedJarsByPlugin inventory: jar file names per plugin name (lower case) on this instance
     * @param masker                the installation's secret fingerprints, as the scan used them
     */
    ChangePreparer(Map<String, ExpectedFile> expected, Rules rules, ConfigParser parser, StagedJars stagedJars,
            Map<String, List<String>> installedJarsByPlugin, SecretMasker masker) {
        this.expected = expected;
        this.rules = rules;
        this.parser = parser;
        this.editor = new ConfigEditor(parser);
        // the installation's fingerprint key: secrets compare with the plan's fingerprints
        this.comparator = new DriftComparator(java.time.Clock.systemUTC(), masker);
        this.stagedJars = stagedJars;
        this.installedJarsByPlugin = installedJarsByPlugin;
    }

    PreparedInstance prepare(DeployedInstance instance, List<DeployRow> rows, InstanceFiles files) throws IOException {
        List<PreparedInstance.Verdict> verdicts = new ArrayList<>();
        List<PreparedInstance.PreparedFile> out = new ArrayList<>();
        Map<String, List<DeployRow>> configByFile = new LinkedHashMap<>();
        for (DeployRow row : rows) {
            if (row.result() != RowResult.PENDING) {
                continue;
            }
            switch (row.type()) {
                case CONFIG -> configByFile.computeIfAbsent(row.file(), f -> new ArrayList<>()).add(row);
                case NEW_FILE -> prepareNewFile(instance, row, files, verdicts, out);
                case PLUGIN_UPDATE -> preparePluginUpdate(instance, row, files, verdicts, out);
            }
        }
        configByFile.forEach((file, fileRows) -> prepareConfig(instance, file, fileRows, files, verdicts, out));
        return new PreparedInstance(verdicts, out);
    }

    // ------------------------------------------------------------------ config rows

    private void prepareConfig(DeployedInstance instance, String file, List<DeployRow> rows, InstanceFiles files,
            List<PreparedInstance.Verdict> verdicts, List<PreparedInstance.PreparedFile> out) {
        ExpectedFile exp = expected.get(file);
        if (exp == null) {
            refuseAll(rows, verdicts, RowResult.REFUSED, "the baselines no longer have " + file + " for this instance (changed since the plan)."
                    + " Fix: approve the row again in the next nightly's workbook");
            return;
        }
        byte[] live;
        try {
            live = files.exists(file) ? files.read(file) : null;
        } catch (IOException e) {
            throw new UncheckedReadException(instance.label() + ":" + file + " cannot be read: " + e.getMessage(), e);
        }
        if (live == null) {
            refuseAll(rows, verdicts, RowResult.REFUSED, "stale: " + file + " no longer exists on " + instance.label()
                    + ". Fix: run the nightly again and approve in the new workbook");
            return;
        }
        ParsedConfig parsed = parser.parse(file, live);
        if (!parsed.isParseable()) {
            refuseAll(rows, verdicts, RowResult.REFUSED, file + " on " + instance.label() + " became unparseable since the scan ("
                    + parsed.error() + where(parsed) + "). Nothing was written. Fix: repair the file by hand (or restore it), then run the nightly again");
            return;
        }
        List<Finding> findings = comparator.compare(instance.server(), instance.instance(), exp, parsed, rules);
        List<ValueChange> changes = new ArrayList<>();
        List<DeployRow> applicable = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        collectChanges(instance, rows, exp, parsed, findings, verdicts, changes, applicable, secrets);
        if (changes.isEmpty()) {
            return;
        }
        try {
            EditedFile edited = editor.apply(file, live, changes);
            out.add(new PreparedInstance.PreparedFile(file, FileAction.EDIT, live, edited.bytes(), positions(applicable), secrets));
            applicable.forEach(r -> verdicts.add(new PreparedInstance.Verdict(r, RowResult.PENDING, null)));
        } catch (EditRefusedException e) {
            refuseAll(applicable, verdicts, RowResult.FAILED, "nothing was written to " + file + ": " + e.getMessage());
        }
    }

    /** Checks each row against the live drift and collects the baseline's typed values of those that still apply. */
    private void collectChanges(DeployedInstance instance, List<DeployRow> rows, ExpectedFile exp, ParsedConfig parsed, List<Finding> findings,
            List<PreparedInstance.Verdict> verdicts, List<ValueChange> changes, List<DeployRow> applicable, List<String> secrets) {
        boolean flat = exp.format() == ConfigFormat.PROPERTIES;
        for (DeployRow row : rows) {
            String stale = staleReason(row, findings, instance);
            if (stale != null) {
                verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, stale));
                continue;
            }
            KeyPath key = keyOf(exp, row.setting());
            Optional<Object> value = expectedAt(exp, row.setting());
            if (value.isEmpty()) {
                verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, "the baseline has no value at " + row.setting()
                        + " any more. Fix: approve again in the next nightly's workbook"));
                continue;
            }
            Object newValue = TreeValues.unwrap(value.get());
            changes.add(new ValueChange(key, newValue));
            applicable.add(row);
            if (row.secret()) {
                secrets.add(String.valueOf(newValue));
                (flat ? TreeValues.flat(parsed.tree(), row.setting()) : TreeValues.at(parsed.tree(), key))
                        .map(TreeValues::unwrap).map(String::valueOf).ifPresent(secrets::add);
            }
        }
    }

    /** The key path of a setting as the workbook and the findings name it ({@code .properties} keys are flat). */
    private static KeyPath keyOf(ExpectedFile exp, String setting) {
        return exp.format() == ConfigFormat.PROPERTIES ? KeyPath.ofPropertiesKey(setting) : KeyPath.parse(setting);
    }

    /** The expected (baseline) value of a setting, empty when the baseline has none. */
    private static Optional<Object> expectedAt(ExpectedFile exp, String setting) {
        return exp.format() == ConfigFormat.PROPERTIES ? TreeValues.flat(exp.content().tree(), setting)
                : TreeValues.at(exp.content().tree(), keyOf(exp, setting));
    }

    /** Why a config row no longer applies to the live file, or null when it still does. */
    private String staleReason(DeployRow row, List<Finding> findings, DeployedInstance instance) {
        Finding finding = findings.stream()
                .filter(f -> f.key().equals(row.setting()))
                .filter(f -> f.kind() == FindingKind.CHANGED || f.kind() == FindingKind.MISSING_KEY || f.kind() == FindingKind.TYPE_MISMATCH)
                .findFirst().orElse(null);
        if (finding == null) {
            return "stale: " + row.file() + " " + row.setting() + " on " + instance.label()
                    + " no longer differs from the baseline (it was changed since the plan). Nothing to do";
        }
        if (!Objects.equals(blank(finding.actual()), blank(row.current()))) {
            return "stale: the live value of " + row.setting() + " in " + row.file() + " on " + instance.label() + " is now "
                    + shown(finding.actual(), row.secret()) + ", not the plan's Current " + shown(row.current(), row.secret())
                    + " (someone changed it since the plan). Fix: check the change, then approve again in the next nightly's workbook";
        }
        if (!Objects.equals(blank(finding.expected()), blank(row.proposed()))) {
            return "stale: the baselines now propose " + shown(finding.expected(), row.secret()) + " for " + row.setting() + " in "
                    + row.file() + ", not the plan's " + shown(row.proposed(), row.secret())
                    + ". Fix: approve again in the next nightly's workbook";
        }
        return null;
    }

    // ------------------------------------------------------------------ new files

    private void prepareNewFile(DeployedInstance instance, DeployRow row, InstanceFiles files, List<PreparedInstance.Verdict> verdicts,
            List<PreparedInstance.PreparedFile> out) {
        ExpectedFile exp = expected.get(row.file());
        if (exp == null) {
            verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, "the baselines no longer have " + row.file()
                    + " for this instance. Fix: approve again in the next nightly's workbook"));
            return;
        }
        try {
            if (files.exists(row.file())) {
                verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, "stale: " + row.file() + " now exists on "
                        + instance.label() + " (created since the plan). Nothing was written; the next scan compares it"));
                return;
            }
        } catch (IOException e) {
            throw new UncheckedReadException(instance.label() + ":" + row.file() + " cannot be checked: " + e.getMessage(), e);
        }
        if (!exp.unresolved().isEmpty()) {
            verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, row.file() + " cannot be created: the baseline uses variables"
                    + " with no value for this instance (" + exp.unresolved().stream().map(ExpectedFile.UnresolvedVariable::variable).distinct().toList()
                    + "). Fix: set them in the variables workbook, run the nightly again and approve in the new workbook"));
            return;
        }
        byte[] bytes = fromTemplate(instance, row.file(), exp).orElseGet(() -> BaselineFileWriter.write(exp));
        ParsedConfig reread = parser.parse(row.file(), bytes);
        List<Finding> left = reread.isParseable()
                ? comparator.compare(instance.server(), instance.instance(), row.file(), exp.content(), reread, CompareMode.EXACT, Rules.empty())
                : List.of();
        if (!reread.isParseable() || !left.isEmpty()) {
            verdicts.add(new PreparedInstance.Verdict(row, RowResult.FAILED, row.file() + " cannot be written faithfully from the baseline ("
                    + (reread.isParseable() ? left.size() + " values would differ, first at " + left.get(0).key() : reread.error())
                    + "). Nothing was written. Fix: create the file by hand from the baseline"));
            return;
        }
        out.add(new PreparedInstance.PreparedFile(row.file(), FileAction.CREATE, null, bytes, List.of(row.position()), List.of()));
        verdicts.add(new PreparedInstance.Verdict(row, RowResult.PENDING, null));
    }

    /**
     * The new file as the baseline file itself (its first layer's bytes) with the instance's overlay values
     * and variables put in by minimal edits, so that its comments and layout stay (D-D3); empty when that
     * cannot be done exactly (a key the overlays remove, a list element, an edit the editor refuses), and
     * the file is then written from the rendered tree. The caller re-reads either against the expected tree.
     */
    private Optional<byte[]> fromTemplate(DeployedInstance instance, String file, ExpectedFile exp) {
        if (exp.template() == null || exp.format() == ConfigFormat.TEXT) {
            return Optional.empty();
        }
        ParsedConfig base = parser.parse(file, exp.template());
        if (!base.isParseable()) {
            return Optional.empty();
        }
        List<ValueChange> changes = new ArrayList<>();
        for (Finding f : comparator.compare(instance.server(), instance.instance(), file, exp.content(), base, CompareMode.EXACT, Rules.empty())) {
            if (f.kind() != FindingKind.CHANGED && f.kind() != FindingKind.MISSING_KEY && f.kind() != FindingKind.TYPE_MISMATCH) {
                return Optional.empty();
            }
            Optional<Object> value = expectedAt(exp, f.key());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            changes.add(new ValueChange(keyOf(exp, f.key()), TreeValues.unwrap(value.get())));
        }
        if (changes.isEmpty()) {
            return Optional.of(exp.template());
        }
        try {
            return Optional.of(editor.apply(file, exp.template(), changes).bytes());
        } catch (EditRefusedException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ plugin updates

    private void preparePluginUpdate(DeployedInstance instance, DeployRow row, InstanceFiles files, List<PreparedInstance.Verdict> verdicts,
            List<PreparedInstance.PreparedFile> out) {
        String oldPath = row.file();
        String oldName = oldPath.substring(oldPath.lastIndexOf('/') + 1);
        List<String> jars = installedJarsByPlugin.getOrDefault(row.plugin().toLowerCase(java.util.Locale.ROOT), List.of());
        if (jars.size() > 1) {
            verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, instance.label() + " has " + jars.size() + " jars of "
                    + row.plugin() + " (" + String.join(", ", jars) + "). Fix: remove all but one by hand, run the nightly again"));
            return;
        }
        try {
            if (!files.exists(oldPath)) {
                verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, "stale: " + oldPath + " is no longer on " + instance.label()
                        + ". Fix: run the nightly again and approve in the new workbook"));
                return;
            }
            byte[] oldBytes = files.read(oldPath);
            InspectedJar live = new JarInspector().inspect(new WorkItem(instance.server(), instance.instance(), instance.instanceId(), oldName,
                    oldBytes.length), files);
            String liveVersion = live == null || live.status() != JarStatus.OK ? null : live.descriptor().version();
            if (!Objects.equals(liveVersion, row.current())) {
                verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, "stale: " + oldPath + " on " + instance.label() + " is now "
                        + (liveVersion == null ? "not a readable plugin jar" : "version " + liveVersion) + ", not the plan's " + row.current()
                        + ". Fix: run the nightly again and approve in the new workbook"));
                return;
            }
            StagedJars.StagedJar staged = stagedJars.find(instance.server(), instance.instance(), row.plugin(), row.proposed());
            if (staged.unverified() && !"UNVERIFIED".equalsIgnoreCase(row.checksumState())) {
                verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, "the staged jar of " + row.plugin() + " " + row.proposed()
                        + " has no published checksum but the row did not say UNVERIFIED. Fix: approve it in the next nightly's workbook"));
                return;
            }
            byte[] newBytes = java.nio.file.Files.readAllBytes(staged.file());
            String newPath = "plugins/" + staged.fileName();
            if (newPath.equals(oldPath)) {
                out.add(new PreparedInstance.PreparedFile(oldPath, FileAction.ADD_JAR, oldBytes, newBytes, List.of(row.position()), List.of()));
            } else {
                if (files.exists(newPath)) {
                    verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, newPath + " already exists on " + instance.label()
                            + " beside " + oldPath + ". Fix: remove the one that should not be there by hand, run the nightly again"));
                    return;
                }
                out.add(new PreparedInstance.PreparedFile(newPath, FileAction.ADD_JAR, null, newBytes, List.of(row.position()), List.of()));
                out.add(new PreparedInstance.PreparedFile(oldPath, FileAction.REMOVE_JAR, oldBytes, null, List.of(row.position()), List.of()));
            }
            verdicts.add(new PreparedInstance.Verdict(row, RowResult.PENDING, null));
        } catch (StagedJars.NotStaged e) {
            verdicts.add(new PreparedInstance.Verdict(row, RowResult.REFUSED, e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedReadException(instance.label() + ":" + oldPath + " cannot be read: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void refuseAll(List<DeployRow> rows, List<PreparedInstance.Verdict> verdicts, RowResult result, String reason) {
        rows.forEach(r -> verdicts.add(new PreparedInstance.Verdict(r, result, reason)));
    }

    private static List<Integer> positions(List<DeployRow> rows) {
        return rows.stream().map(DeployRow::position).toList();
    }

    private static String where(ParsedConfig parsed) {
        return parsed.line() == null ? "" : " at line " + parsed.line() + (parsed.column() == null ? "" : ", column " + parsed.column());
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static String shown(String value, boolean secret) {
        if (value == null) {
            return "(missing)";
        }
        if (secret || SecretMasker.isFingerprint(value)) {
            return SecretMasker.isFingerprint(value) ? value : "(a secret value)";
        }
        return "'" + (value.length() > 80 ? value.substring(0, 77) + "..." : value) + "'";
    }

    /** A live file could not be read: the deploy of this instance cannot go on now (the run fails restartably). */
    static final class UncheckedReadException extends RuntimeException {
        UncheckedReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
