package org.homeamp.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import org.homeamp.drift.SecretMasker;
import org.homeamp.files.InstanceFiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code homeamp deploy --dry-run}: the same verification as a deploy, then per instance the unified
 * diff of every file it would change (secret values as fingerprints), each jar swap and the restart.
 * It writes nothing anywhere: not to instances, not to the state dir's records.
 */
@Component
class DryRun {
    private final DeployContext context;
    private final JdbcTemplate jdbc;
    private final SecretMasker masker;

    DryRun(DeployContext context, JdbcTemplate jdbc, SecretMasker masker) {
        this.context = context;
        this.jdbc = jdbc;
        this.masker = masker;
    }

    int show(DeployService.Intake intake, PrintWriter out) {
        out.println("dry run of plan " + intake.plan().planId() + ": " + intake.approved() + " rows approved; nothing is written");
        boolean problems = false;
        Map<String, List<DeployRow>> byInstance = new LinkedHashMap<>();
        for (DeployRow r : intake.rows()) {
            if (r.result() == RowResult.REFUSED) {
                out.println("  " + r.label() + " refused: " + r.reason());
                problems = true;
            } else {
                byInstance.computeIfAbsent(r.server() + "/" + r.instance(), k -> new ArrayList<>()).add(r);
            }
        }
        String dryId = "dry-run-" + intake.sha256();
        for (List<DeployRow> rows : byInstance.values()) {
            DeployRow first = rows.get(0);
            problems |= showInstance(dryId, first.server(), first.instance(), rows, out);
        }
        out.println(problems ? "dry run: some rows would be refused (see above)" : "dry run: every approved row would be applied");
        return problems ? DeployService.PROBLEMS : DeployService.OK;
    }

    private boolean showInstance(String dryId, String server, String instance, List<DeployRow> rows, PrintWriter out) {
        List<String> known = jdbc.queryForList("SELECT instance_id FROM instance WHERE server = ? AND instance_name = ?", String.class, server, instance);
        String label = server + "/" + instance;
        Optional<String> id = context.liveInstanceId(server, instance, known.isEmpty() ? null : known.get(0));
        out.println();
        out.println("== " + label);
        if (id.isEmpty()) {
            rows.forEach(r -> out.println("  " + r.label() + " refused: instance " + label + " is no longer listed by AMP"));
            return true;
        }
        DeployedInstance inst = new DeployedInstance(server, instance, id.get(), InstanceState.PENDING, 0, null);
        InstanceFiles files = context.files(server, instance, id.get());
        PreparedInstance prepared;
        try {
            prepared = context.preparer(dryId, server, instance).prepare(inst, rows, files);
        } catch (IOException e) {
            throw new InstanceDeployer.DeployIOException(label + ": " + e.getMessage(), e);
        }
        boolean problems = false;
        for (PreparedInstance.Verdict v : prepared.verdicts()) {
            if (!v.applicable()) {
                out.println("  " + v.row().label() + " " + (v.result() == RowResult.FAILED ? "would fail" : "refused") + ": " + v.reason());
                problems = true;
            }
        }
        for (PreparedInstance.PreparedFile f : prepared.files()) {
            switch (f.action()) {
                case EDIT, CREATE -> diff(f, out);
                case ADD_JAR -> out.println("  jar: put " + f.path() + " (sha256 " + Backups.sha256(f.after()).substring(0, 12) + ", "
                        + f.after().length + " bytes)" + (f.before() == null ? "" : " in place of the old file of that name"));
                case REMOVE_JAR -> out.println("  jar: take " + f.path() + " out (kept in the backup)");
            }
        }
        out.println(prepared.changesSomething() ? "  then: restart " + label + " once and check its health" : "  nothing to change");
        return problems;
    }

    private void diff(PreparedInstance.PreparedFile f, PrintWriter out) {
        List<String> before = f.before() == null ? List.of() : lines(f.before());
        List<String> after = lines(f.after());
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(f.before() == null ? "/dev/null" : "a/" + f.path(), "b/" + f.path(), before,
                DiffUtils.diff(before, after), 2);
        for (String line : unified) {
            out.println("  " + mask(line, f.secretValues(), masker));
        }
    }

    /** Changed lines that hold a secret row's value show its fingerprint instead. */
    static String mask(String line, List<String> secrets, SecretMasker masker) {
        if (secrets.isEmpty() || !(line.startsWith("+") || line.startsWith("-") || line.startsWith(" "))) {
            return line;
        }
        String out = line;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty() && out.contains(secret)) {
                out = out.replace(secret, masker.fingerprint(secret));
            }
        }
        return out;
    }

    private static List<String> lines(byte[] bytes) {
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1));
    }
}
