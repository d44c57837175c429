package org.homeamp.drift;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The id of the approvals-workbook change that fixes a finding, computed here so that drift.json
 * (written by drift-scan), drift.html and the workbook (approval) show the same id without drift
 * depending on approval. {@code C-} and ten hex digits of a SHA-256 over server, instance, change
 * type, plugin, file and setting; values are left out on purpose, so a change whose target value
 * moves keeps its id (the workbook's signature is what binds the values).
 */
public final class ChangeIds {
    /** Type labels as the workbook's Type column shows them. */
    public static final String CONFIG = "config";
    public static final String NEW_FILE = "new-file";
    public static final String PLUGIN_UPDATE = "plugin-update";

    private ChangeIds() {
    }

    public static String stableId(String server, String instance, String typeLabel, String plugin, String file, String setting) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical(server, instance, typeLabel, plugin, file, setting));
            return "C-" + HexFormat.of().formatHex(hash, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Encodes text fields so that no two different lists give the same bytes: each field is its UTF-8
     * length as four big-endian bytes followed by the bytes; {@code null} is the empty string.
     */
    public static byte[] canonical(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (String field : fields) {
            byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** The change type that fixes a finding of this kind and state, or empty when a human must fix it. */
    public static Optional<String> typeFor(String kind, String state) {
        if ("RESOLVED".equals(state)) {
            return Optional.empty();
        }
        return switch (kind) {
            case "CHANGED", "MISSING_KEY", "TYPE_MISMATCH" -> Optional.of(CONFIG);
            case "MISSING_FILE" -> Optional.of(NEW_FILE);
            default -> Optional.empty();
        };
    }

    /** The change id of a finding (by its stored columns), or empty when no workbook row fixes it. */
    public static Optional<String> forFinding(String server, String instance, String file, String key, String kind, String state) {
        return typeFor(kind, state).map(t -> stableId(server, instance, t, plugin(file), file, CONFIG.equals(t) ? key : null));
    }

    public static Optional<String> forFinding(StoredFinding f) {
        return forFinding(f.server(), f.instance(), f.file(), f.key(), f.kind().name(), f.state().name());
    }

    /** {@code plugins/Essentials/config.yml} belongs to Essentials; server files to no plugin. */
    public static String plugin(String file) {
        if (file != null && file.startsWith("plugins/")) {
            int slash = file.indexOf('/', "plugins/".length());
            if (slash > 0) {
                return file.substring("plugins/".length(), slash);
            }
        }
        return null;
    }
}
