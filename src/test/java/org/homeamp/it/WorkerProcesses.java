package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.testing.EmbeddedPostgresDb;

/**
 * The packaged jar as manager and {@code homeamp worker} processes on one embedded PostgreSQL, for the
 * ITs of SPEC §11 "Past one host": their configs, starting and stopping workers, and reading the
 * shared database.
 */
final class WorkerProcesses {
    /** Short worker timings, so that a killed worker is noticed within seconds. */
    static final String TIMINGS = "  worker:\n    heartbeat: 1s\n    stale-after: 4s\n    poll-interval: 1s\n    partition-timeout: 10m\n";

    private WorkerProcesses() {
    }

    /** The demo's homeamp.yml with another state dir, {@link #TIMINGS} and the database; written as {@code <name>.yml}. */
    static Path config(DemoNetwork net, String name, String stateDir, String database) throws Exception {
        String text = Files.readString(net.configFile(), StandardCharsets.UTF_8).replace("state-dir: ./state", "state-dir: " + stateDir);
        Path yml = net.dir().resolve(name + ".yml");
        Files.writeString(yml, text + TIMINGS + "spring:\n  datasource:\n    url: " + EmbeddedPostgresDb.url(database) + "\n    username: "
                + EmbeddedPostgresDb.USER + "\n    password: " + EmbeddedPostgresDb.PASSWORD + "\n");
        return yml;
    }

    /** {@code homeamp worker --server server} with the server's simulated instances folder as its local files. */
    static Process worker(Path log, Path config, String server) throws Exception {
        Path instances = config.getParent().resolve("hosts").resolve(server).resolve("instances");
        return PackagedJar.start(log, "worker", "--server", server, "--instances-dir", instances.toString(), "--config", config.toString());
    }

    /** Waits until {@code workers} workers beat. */
    static void awaitLive(String db, int workers) throws Exception {
        // a JVM and Spring start take seconds, or a minute and more on a loaded build machine
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (query(db, "SELECT COUNT(*) FROM worker_heartbeat WHERE last_beat > CURRENT_TIMESTAMP - INTERVAL '4 seconds'") < workers) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the workers did not beat within 240 s");
            }
            Thread.sleep(200);
        }
    }

    /** Polls {@code countSql} every 10 ms and kills {@code process} with SIGKILL once it is positive. */
    static void killWhen(Process process, String db, String countSql, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the process ended by itself (exit " + process.exitValue() + ") before " + what);
            }
            if (query(db, countSql) > 0) {
                process.destroyForcibly();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isEqualTo(137);
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not within 90 s: " + what);
    }

    /** Waits until {@code countSql} is zero. */
    static void awaitNone(String db, String countSql) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (query(db, countSql) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not zero after 60 s: " + countSql);
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM, then SIGKILL after a minute. */
    static void stop(Process worker) throws InterruptedException {
        if (worker != null && worker.isAlive()) {
            worker.destroy();
            if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        }
    }

    static long query(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresDb.url(db), EmbeddedPostgresDb.USER, EmbeddedPostgresDb.PASSWORD);
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> rows(String db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresDb.url(db), EmbeddedPostgresDb.USER, EmbeddedPostgresDb.PASSWORD);
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
