package org.homeamp.batch;

import org.homeamp.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a killed process left of this tool's whole-file writes: temp files named as
 * {@link AtomicFiles} and the writers beside it name them ({@code .<name>-<n>.tmp}, {@code .drift.json.tmp}),
 * the report step's staging folders ({@code .report-<n>}) and the download's {@code .partial} folders,
 * under {@code <state-dir>/outbox}, {@code reports} and {@code staging}. Run when a job (re)starts,
 * holding the run lock, so no other homeamp process is writing them. Nothing else is touched: only
 * dot-names this tool makes, only in its own folders.
 */
public final class LeftoverTempFiles {
    private static final Logger log = LoggerFactory.getLogger(LeftoverTempFiles.class);
    private static final List<String> FOLDERS = List.of("outbox", "reports", "staging");

    private LeftoverTempFiles() {
    }

    /** Removes the leftovers under the state dir's outbox, reports and staging; returns how many were removed. */
    public static int sweep(Path stateDir) {
        int removed = 0;
        for (String folder : FOLDERS) {
            Path root = stateDir.resolve(folder);
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> leftovers;
            try (Stream<Path> all = Files.walk(root)) {
                leftovers = all.filter(p -> !p.equals(root) && isLeftover(p)).toList();
            } catch (IOException e) {
                log.warn("could not look for leftover temp files under {}: {}", root, e.getMessage());
                continue;
            }
            for (Path p : leftovers) {
                try {
                    if (Files.exists(p)) {
                        AtomicFiles.deleteTree(p);
                        removed++;
                    }
                } catch (IOException e) {
                    log.warn("could not remove leftover temp file {}: {}", p, e.getMessage());
                }
            }
        }
        if (removed > 0) {
            log.info("removed {} temp file(s) left by an interrupted earlier run under {}", removed, stateDir);
        }
        return removed;
    }

    /** Whether a name is one of this tool's temp names (readers and listings skip these too). */
    public static boolean isLeftover(Path p) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".")) {
            return false;
        }
        if (Files.isDirectory(p)) {
            return name.startsWith(".report-") || name.equals(".partial");
        }
        return name.endsWith(".tmp");
    }
}
