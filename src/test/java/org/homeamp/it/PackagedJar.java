package org.homeamp.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import org.homeamp.config.StateDatabase;
import org.homeamp.demo.DemoNetwork;

/** Runs the packaged jar as its own process and reads its H2 database, for tests that kill it. */
final class PackagedJar {
    private static final java.util.Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();
    private PackagedJar() {
    }

    /**
     * JVM flags of the job processes (D-C10): C1 only and the serial collector, since each process is a
     * short run of cold code on a 2-core machine running two ITs; JIT and GC threads would cost
     * more than they win. They change no behaviour of the tool.
     */
    private static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    static Process start(Path log, String... args) throws IOException {
        String jar = System.getProperty("homeamp.jar", "target/homeamp.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-jar", jar));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LOGS.put(p, log);
        return p;
    }

    /** Runs to the end; returns the exit code. */
    static int run(Path log, String... args) throws Exception {
        return waitFor(start(log, args));
    }

    /** Waits for a started process to end; returns the exit code. */
    static int waitFor(Process p) throws Exception {
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("homeamp " + p.info().commandLine().orElse("") + " did not finish in 180 s" + output(p));
        }
        return p.exitValue();
    }

    /** Polls {@code sql} until {@code reached} holds, then kills the process with SIGKILL; returns the value seen. */
    static long killWhen(Process job, Path state, String sql, LongPredicate reached) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!job.isAlive()) {
                throw new AssertionError("the job ended before it could be killed (exit " + job.exitValue() + ")" + output(job));
            }
            if (Files.exists(state.resolve("db/homeamp.mv.db"))) {
                try {
                    long n = query(state, sql);
                    if (reached.test(n)) {
                        job.destroyForcibly();
                        if (!job.waitFor(30, TimeUnit.SECONDS) || job.exitValue() != 137) {
                            throw new AssertionError("the job did not die by SIGKILL");
                        }
                        return n;
                    }
                } catch (SQLException | org.homeamp.config.ConfigException notYet) {
                    // tables not created yet, or the job is opening the database right now ("Another process was faster")
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no progress within 120 s");
    }

    /** The job's output, for the message of a failed expectation. */
    private static String output(Process job) {
        Path log = LOGS.get(job);
        try {
            return log == null ? "" : ":\n" + Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    static long query(Path state, String sql) throws SQLException {
        try (Connection c = StateDatabase.connect(state);
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Set<String> strings(Path state, String sql) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = StateDatabase.connect(state);
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Every plugin jar on disk in the network's instances (not in orphan folders). */
    static long jarsOnDisk(DemoNetwork net) throws IOException {
        long n = 0;
        for (String server : List.of("hetzner", "ovh")) {
            try (Stream<Path> dirs = Files.list(net.dir().resolve("hosts").resolve(server).resolve("instances"))) {
                for (Path inst : dirs.filter(d -> !d.getFileName().toString().equals("OldHub01")).toList()) {
                    Path plugins = inst.resolve("Minecraft/plugins");
                    if (Files.isDirectory(plugins)) {
                        try (Stream<Path> jars = Files.list(plugins)) {
                            n += jars.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jar")).count();
                        }
                    }
                }
            }
        }
        return n;
    }

    /** Slows the simulated AMP of a demo server down like a host across the internet. */
    static void addLatency(DemoNetwork net, String server, int millis) throws IOException {
        Path hostJson = net.dir().resolve("hosts").resolve(server).resolve("host.json");
        Files.writeString(hostJson, Files.readString(hostJson).replaceFirst("\\{", "{\"latencyMillis\":" + millis + ","));
    }
}
