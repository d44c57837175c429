package org.homeamp.doctor;

import java.io.PrintWriter;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints doctor's results: one line per check, or one JSON document ({@code --json}). */
public final class DoctorOutput {
    private DoctorOutput() {
    }

    public static void text(List<CheckResult> results, PrintWriter out) {
        for (CheckResult r : results) {
            out.println(r.line());
        }
        long failed = results.stream().filter(r -> r.status() == CheckStatus.FAIL).count();
        long warned = results.stream().filter(r -> r.status() == CheckStatus.WARN).count();
        out.println(failed == 0 ? "doctor: no problem found" + (warned == 0 ? "" : " (" + warned + " warning(s))")
                : "doctor: " + failed + " problem(s) to fix" + (warned == 0 ? "" : ", " + warned + " warning(s)") + "; each FAIL line names its fix");
    }

    public static void json(List<CheckResult> results, PrintWriter out) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        root.put("ok", Doctor.passed(results));
        ArrayNode checks = root.putArray("checks");
        for (CheckResult r : results) {
            checks.addObject().put("check", r.check()).put("status", r.status().name()).put("detail", r.detail()).put("fix", r.fix());
        }
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
