package org.homeamp.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.drift.ConfigFormat;
import org.homeamp.drift.Finding;
import org.homeamp.drift.FindingKind;
import org.homeamp.drift.ParsedConfig;

/**
 * The expected content of one file of one instance, after overlays and variables.
 *
 * @param path       instance-relative path ({@code plugins/Essentials/config.yml})
 * @param format     how the file is compared
 * @param content    the expected tree, or text for {@link ConfigFormat#TEXT}
 * @param unresolved placeholders that had no value; those keys keep the raw {@code {{name}}}
 */
public record ExpectedFile(String path, ConfigFormat format, ParsedConfig content, List<UnresolvedVariable> unresolved) {

    public ExpectedFile {
        unresolved = List.copyOf(unresolved);
    }

    /**
     * A placeholder with no value for the instance.
     *
     * @param keyPath  printed key path of the value holding it ({@code ""} for a text file)
     * @param variable the variable name inside the braces
     */
    public record UnresolvedVariable(String keyPath, String variable) {
    }

    /** The key paths that hold an unresolved placeholder, each once, in file order. */
    public List<String> unresolvedKeys() {
        return unresolved.stream().map(UnresolvedVariable::keyPath).distinct().toList();
    }

    /**
     * One {@link FindingKind#UNRESOLVED_VARIABLE} finding per key path (several variables in one
     * value share a finding, so the finding's stable id stays unique).
     */
    public List<Finding> unresolvedFindings(String server, String instance) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (UnresolvedVariable variable : unresolved) {
            List<String> names = byKey.computeIfAbsent(variable.keyPath(), k -> new ArrayList<>());
            if (!names.contains(variable.variable())) {
                names.add(variable.variable());
            }
        }
        List<Finding> findings = new ArrayList<>();
        byKey.forEach((key, names) -> findings.add(new Finding(server, instance, path, key, FindingKind.UNRESOLVED_VARIABLE,
                String.join(", ", names.stream().map(n -> "{{" + n + "}}").toList()), null, null, null,
                "no value for " + String.join(", ", names) + " on instance " + instance
                        + "; set it in the variables sheet (instance row, one of its groups, or '*')")));
        return findings;
    }
}
