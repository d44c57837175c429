package org.homeamp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.springframework.batch.core.BatchStatus;

/**
 * A demo network on which the nightly has run once, copied for each test that needs "the morning
 * after" (a workbook to approve): the nightly costs most of such a test, and every copy is a whole,
 * independent state dir and network, as if a second installation had run the same night.
 */
public final class NightlyTemplate {
    public static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static Path template;

    private NightlyTemplate() {
    }

    /** A fresh copy of the 6-instance demo network after its nightly for {@link #DAY}, opened. */
    public static DemoFixture copyInto(Path dir) throws IOException {
        return copyInto(dir, java.util.Map.of());
    }

    /** As {@link #copyInto(Path)}, the copy opened with extra Spring properties (e.g. {@code spring.mail.host}). */
    public static synchronized DemoFixture copyInto(Path dir, java.util.Map<String, Object> properties) throws IOException {
        if (template == null) {
            Path t = Files.createTempDirectory("homeamp-nightly-template-");
            try (DemoFixture demo = DemoFixture.start(t.resolve("demo"), 6, 14)) {
                RunOutcome outcome = demo.jobs().run(JobNames.NIGHTLY, DAY, List.of(), false);
                if (outcome.status() != BatchStatus.COMPLETED) {
                    throw new IllegalStateException("the template nightly failed: " + outcome.message());
                }
            }
            template = t.resolve("demo");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    org.homeamp.config.AtomicFiles.deleteTree(t);
                } catch (IOException ignored) {
                    // a temp folder left behind is harmless
                }
            }));
        }
        copy(template, dir);
        DemoNetwork network = new DemoNetworkGenerator().generate(dir, 6, 14, false);
        return DemoFixture.open(network, properties);
    }

    /** The approvals workbook the nightly wrote in a copy. */
    public static Path workbook(DemoFixture demo) {
        return demo.settings().stateDir().resolve("reports").resolve(DAY.toString()).resolve("approvals-" + DAY + ".xlsx");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".lock.db")) {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
