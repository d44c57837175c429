package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.ZipFile;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.deploy.DeployService;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.EmbeddedPostgresDb;
import org.homeamp.testing.NightlyTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving an installation from the embedded H2 to PostgreSQL: {@code homeamp db export} on the H2 one,
 * {@code homeamp db import} into an empty PostgreSQL database, and {@code status} and {@code history}
 * answer the same; the sequences continue past the imported ids, and a second import is refused.
 */
class DbExportImportTest {
    @RegisterExtension
    static final EmbeddedPostgresDb pg = new EmbeddedPostgresDb();

    @TempDir
    Path tmp;

    @Test
    void anH2InstallationExportedAndImportedIntoPostgresShowsTheSameStatusAndHistory() throws Exception {
        // given: an H2 installation after a nightly and a deployment
        Path h2Config;
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("h2"))) {
            Path approved = Approvals.approve(NightlyTemplate.workbook(demo), tmp.resolve("approved.xlsx"), "alice",
                    r -> r.get("Setting").equals("view-distance"));
            StringWriter out = new StringWriter();
            assertThat(demo.context.getBean(DeployService.class).deploy(approved, List.of(), false, new PrintWriter(out, true)))
                    .as(out.toString()).isEqualTo(DeployService.OK);
            h2Config = demo.network.configFile();
        }
        CliRun h2Status = CliRun.of("status", "--limit", "50", "--config", h2Config.toString());
        CliRun h2History = CliRun.of("history", "--json", "--config", h2Config.toString());
        assertThat(h2Status.exit()).as(h2Status.err()).isZero();
        assertThat(h2Status.out()).contains("nightly").contains("deploy").contains("COMPLETED");
        assertThat(h2History.out()).contains("D-");

        // when: exported, and imported into PostgreSQL
        Path zip = tmp.resolve("export").resolve("homeamp-db.zip");
        CliRun export = CliRun.of("db", "export", zip.toString(), "--config", h2Config.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("exported ").contains("from the embedded H2 database");
        assertThat(Files.getPosixFilePermissions(zip)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.getEntry("manifest.json")).isNotNull();
            assertThat(z.getEntry("tables/batch_job_execution.jsonl")).isNotNull();
            assertThat(z.getEntry("tables/deployment_row.jsonl")).isNotNull();
            assertThat(z.getEntry("tables/flyway_schema_history.jsonl")).isNull();
        }

        DemoNetwork target = new DemoNetworkGenerator().generate(tmp.resolve("pg"), 6, 14, false);
        pg.writeDatasource(target.configFile());
        String pgConfig = target.configFile().toString();
        CliRun imported = CliRun.of("db", "import", zip.toString(), "--config", pgConfig);

        // then
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported ").contains(pg.url()).doesNotContain(EmbeddedPostgresDb.PASSWORD);
        CliRun pgStatus = CliRun.of("status", "--limit", "50", "--config", pgConfig);
        CliRun pgHistory = CliRun.of("history", "--json", "--config", pgConfig);
        assertThat(pgStatus.exit()).as(pgStatus.err()).isZero();
        assertThat(pgStatus.out()).isEqualTo(h2Status.out());
        assertThat(pgHistory.out()).isEqualTo(h2History.out());

        // a second import is refused; --replace loads it again
        CliRun again = CliRun.of("db", "import", zip.toString(), "--config", pgConfig);
        assertThat(again.exit()).isEqualTo(HomeAmpCli.USAGE);
        assertThat(again.err()).contains("already holds rows").contains("--replace");
        CliRun replaced = CliRun.of("db", "import", zip.toString(), "--replace", "--config", pgConfig);
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        assertThat(CliRun.of("status", "--limit", "50", "--config", pgConfig).out()).isEqualTo(h2Status.out());

        // the sequences go on past the imported ids: the next run on PostgreSQL gets new execution ids
        long maxImported;
        try (var c = pg.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT MAX(job_execution_id) FROM batch_job_execution")) {
            rs.next();
            maxImported = rs.getLong(1);
        }
        CliRun run = CliRun.of("run", "discovery", "--date", "2026-11-21", "--config", pgConfig);
        assertThat(run.exit()).as(run.err()).isZero();
        try (var c = pg.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT MIN(job_execution_id), COUNT(*) FROM batch_job_execution WHERE job_execution_id > " + maxImported)) {
            rs.next();
            assertThat(rs.getLong(2)).isOne();
            assertThat(rs.getLong(1)).isEqualTo(maxImported + 1);
        }
    }

    @Test
    void aFileThatIsNoExportIsRefusedNamingIt() throws Exception {
        DemoNetwork target = new DemoNetworkGenerator().generate(tmp.resolve("pg2"), 5, 12, false);
        Path notAnExport = tmp.resolve("notes.zip");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(notAnExport))) {
            z.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            z.write("hello".getBytes());
            z.closeEntry();
        }
        CliRun run = CliRun.of("db", "import", notAnExport.toString(), "--config", target.configFile().toString());
        assertThat(run.exit()).isEqualTo(HomeAmpCli.USAGE);
        assertThat(run.err()).contains(notAnExport.toString()).contains("has no manifest.json");
    }
}
