package org.homeamp.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.homeamp.ApplicationContexts;
import org.homeamp.config.ConfigLoader;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.drift.SecretMasker;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.EmbeddedPostgresDb;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;

/**
 * Remote partitioning on a real PostgreSQL, in one JVM: a manager context and a worker context per
 * server that share nothing but the database (each worker has its own state dir and config, and
 * reads its server's instance files locally), against a single-host run of the same demo network.
 */
class RemotePartitioningTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    /** Fast timings, so that a dead worker is noticed within seconds. */
    private static final String TIMINGS = "  worker:\n    heartbeat: 1s\n    stale-after: 4s\n    poll-interval: 1s\n    partition-timeout: 5m\n";

    @TempDir
    Path tmp;

    @Test
    void workersServeTheirServersAndTheResultEqualsASingleHostRunAndStaleRequestsAreIgnored() throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        // given: a single-host run on PostgreSQL (no worker is live: every server is done from here)
        Path single = managerConfig(network, "single", newDatabase("single"));
        List<String> jars;
        List<String> findings;
        String driftJson;
        try (DemoFixture ref = DemoFixture.open(copyNetwork(network, single))) {
            assertCompleted(ref.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false));
            assertCompleted(ref.jobs().run(JobNames.DRIFT_SCAN, DAY, List.of(), false));
            assertThat(routing(ref, "driftScan")).contains("ovh: fell back to amp-api: no live worker")
                    .contains("hetzner: no live worker, files read here (files: local)");
            jars = jars(ref);
            findings = findings(ref);
            driftJson = Files.readString(driftJson(ref));
        }
        assertThat(jars).hasSizeGreaterThan(20);
        assertThat(findings).isNotEmpty();

        // when: the same run with a worker for each server
        Map<String, Object> db = newDatabase("workers");
        Path managerYml = managerConfig(network, "manager", db);
        DemoFixture opened = DemoFixture.open(copyNetwork(network, managerYml));
        // the workers log in as the role of docs/worker-role.sql: what it grants is all they need
        Map<String, Object> workerDb = workerRole(db);
        try (DemoFixture manager = opened;
                Worker ovh = Worker.start(network, "ovh", workerDb);
                Worker hetzner = Worker.start(network, "hetzner", workerDb)) {
            RemotePartitions remote = manager.context.getBean(RemotePartitions.class);
            waitUntil(() -> remote.liveWorkers().keySet().containsAll(List.of("ovh", "hetzner")), Duration.ofSeconds(30));

            assertCompleted(manager.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false));
            assertCompleted(manager.jobs().run(JobNames.DRIFT_SCAN, DAY, List.of(), false));

            // then: every partition ran on its server's worker, and the results are the single host's
            long ovhInstances = manager.count("SELECT COUNT(*) FROM drift_target WHERE server = 'ovh'");
            long hetznerInstances = manager.count("SELECT COUNT(*) FROM drift_target WHERE server = 'hetzner'");
            assertThat(ovh.worker.served()).isEqualTo(2 * ovhInstances);
            assertThat(hetzner.worker.served()).isEqualTo(2 * hetznerInstances);
            assertThat(routing(manager, "discoveryScan")).contains("ovh: served by worker").contains("hetzner: served by worker");
            assertThat(jars(manager)).isEqualTo(jars);
            assertThat(findings(manager)).isEqualTo(findings);
            assertThat(Files.readString(driftJson(manager))).isEqualTo(driftJson);

            // and: a duplicated request, one for another server and one for a step workers do not run are dropped
            JobRepository repo = manager.context.getBean(JobRepository.class);
            StepExecution done = partitions(manager, "driftScan").stream().filter(p -> p.getStepName().contains(":ovh/")).findFirst().orElseThrow();
            StepExecution hetznerDone = partitions(manager, "driftScan").stream().filter(p -> p.getStepName().contains(":hetzner/")).findFirst()
                    .orElseThrow();
            int servedBefore = ovh.worker.served();
            remote.send("ovh", "driftScanInstance", done.getId());
            remote.send("ovh", "driftScanInstance", hetznerDone.getId());
            remote.send("ovh", "deployInstance", done.getId());
            waitUntil(() -> remote.queued("ovh") == 0, Duration.ofSeconds(20));
            Thread.sleep(1500);
            assertThat(ovh.worker.served()).isEqualTo(servedBefore);
            assertThat(repo.getStepExecution(done.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(repo.getStepExecution(done.getId()).getVersion()).isEqualTo(done.getVersion());
        }
    }

    @Test
    void aWorkerThatDiesMidPartitionFailsTheRunAndTheRestartRedoesItsPartitions() throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        List<String> jars = singleHostJars(network, "single");

        Map<String, Object> db = newDatabase("dying");
        Path managerYml = managerConfig(network, "manager", db);
        try (DemoFixture manager = DemoFixture.open(copyNetwork(network, managerYml))) {
            RemotePartitions remote = manager.context.getBean(RemotePartitions.class);
            WorkerHeartbeats beats = manager.context.getBean(WorkerHeartbeats.class);
            // given: an ovh worker that takes one request and dies with it (no more beats, the partition never starts)
            beats.register("dead-worker", "ovh", "ovh-host", 4242, "test", remote.fingerprintKeyId());
            CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> manager.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false));
            waitUntil(() -> remote.queued("ovh") > 0, Duration.ofSeconds(60));
            Message<?> taken = remote.requests("ovh").receive(0);
            assertThat(taken).isNotNull();

            // when: its heartbeat goes stale, the manager fails the step and the run
            RunOutcome failed = run.get(90, TimeUnit.SECONDS);
            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.message()).contains("the worker for ovh").contains("stopped beating").contains("homeamp restart");
            assertThat(jars(manager)).isNotEqualTo(jars);

            // then: with a live worker, the restart redoes exactly the unfinished ovh partitions, on that worker
            try (Worker ovh = Worker.start(network, "ovh", db)) {
                waitUntil(() -> remote.liveWorkers().containsKey("ovh"), Duration.ofSeconds(30));
                long ovhPartitions = manager.count("SELECT COUNT(*) FROM discovery_target WHERE server = 'ovh' AND skipped = FALSE AND instance_name <> ''");
                RunOutcome resumed = manager.jobs().restart(null);
                assertCompleted(resumed);
                assertThat(ovh.worker.served()).isEqualTo(ovhPartitions);
            }
            assertThat(jars(manager)).isEqualTo(jars);
            assertThat(manager.count("SELECT COUNT(*) FROM inventory_event WHERE event = 'ADDED'")).isEqualTo(jars.size());
        }
    }

    @Test
    void aWorkerWithAnotherFingerprintKeyGetsNoPartitionsAndTheRunIsDoneHere() throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        SecretMasker.forStateDir(network.dir().resolve("state"));
        Path managerYml = managerConfig(network, "manager", newDatabase("otherkey"));
        try (DemoFixture manager = DemoFixture.open(copyNetwork(network, managerYml))) {
            RemotePartitions remote = manager.context.getBean(RemotePartitions.class);
            // given: a live ovh worker whose host made its own key
            manager.context.getBean(WorkerHeartbeats.class).register("stranger", "ovh", "ovh-host", 77, "test", "0123456789abcdef");

            // when
            assertCompleted(manager.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false));

            // then: ovh was read through the AMP API from here, and nothing was queued for the stranger
            assertThat(routing(manager, "discoveryScan")).contains("ovh: fell back to amp-api: worker ovh-host (pid 77, test) not used")
                    .contains("fingerprint.key is not this host's");
            assertThat(remote.queued("ovh")).isZero();
            assertThat(manager.count("SELECT COUNT(*) FROM plugin_jar WHERE server = 'ovh'")).isPositive();
        }
    }

    /** A worker context of its own (own config and state dir, ovh's files local) and its loop on a thread. */
    @Test
    void theRunsSummaryPageSaysWhereEachServerWasReadAndThatOvhFellBackToTheAmpApi() throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        Path managerYml = managerConfig(network, "manager", newDatabase("routingpage"));
        try (DemoFixture manager = DemoFixture.open(copyNetwork(network, managerYml))) {
            // given: a discovery and drift scan on PostgreSQL with no live worker
            assertCompleted(manager.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false));
            assertCompleted(manager.jobs().run(JobNames.DRIFT_SCAN, DAY, List.of(), false));

            // when: the date's report is written
            assertCompleted(manager.jobs().run(JobNames.REPORT, DAY, List.of(), false));

            // then: its summary page names, per step and server, where the files were read
            Document index = Jsoup.parse(driftJson(manager).resolveSibling("index.html").toFile(), "UTF-8");
            assertThat(index.getElementById("routing")).as("routing section").isNotNull();
            assertThat(index.select("h3").eachText()).contains("discovery scan", "drift scan");
            List<String> ovh = index.select("ul.routing li[data-server=ovh]").eachText();
            assertThat(ovh).hasSize(2).allMatch(t -> t.equals("ovh: fell back to amp-api: no live worker"));
            assertThat(index.select("ul.routing li[data-server=hetzner]").eachText()).hasSize(2)
                    .allMatch(t -> t.equals("hetzner: no live worker, files read here (files: local)"));
        }
    }

    @Test
    void aWorkerStoppedMidPartitionEndsItAtItsNextChunkAndTheRestartFinishesTheRunFromHere() throws Exception {
        // 46 plugins an instance: two chunks (of 25) per discovery partition, so a stop can land between two
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 46, false);
        List<String> jars = singleHostJars(network, "stopsingle");
        Map<String, Object> db = newDatabase("stopping");
        try (DemoFixture manager = DemoFixture.open(copyNetwork(network, managerConfig(network, "manager", db)))) {
            RemotePartitions remote = manager.context.getBean(RemotePartitions.class);
            Worker ovh = Worker.start(network, "ovh", db);
            RunOutcome failed;
            try {
                waitUntil(() -> remote.liveWorkers().containsKey("ovh"), Duration.ofSeconds(30));
                CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> manager.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (manager.count("SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE 'discoveryScanInstance:ovh/%'"
                        + " AND status = 'STARTED'") == 0) {
                    assertThat(System.nanoTime()).as("an ovh partition starts on the worker").isLessThan(deadline);
                    Thread.sleep(2);
                }

                // when: the worker is stopped (SIGTERM's path) with no grace left while its partitions run
                long stopStarted = System.nanoTime();
                ovh.worker.stop(Duration.ZERO);
                ovh.thread.join(30_000);
                assertThat(ovh.thread.isAlive()).as("the worker's loop ended").isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - stopStarted)).isLessThan(Duration.ofSeconds(30));

                // then: no partition stays marked running; the manager fails the step, naming the gone worker
                failed = run.get(90, TimeUnit.SECONDS);
            } finally {
                ovh.context.close();
            }
            // (FAILED when the watch failed ovh partitions still queued; STOPPED when every ovh partition was running and stopped)
            assertThat(failed.status()).as(failed.message()).isIn(BatchStatus.FAILED, BatchStatus.STOPPED);
            assertThat(failed.message()).contains("homeamp restart");
            if (failed.status() == BatchStatus.FAILED) {
                assertThat(failed.message()).contains("the worker for ovh");
            }
            // (a partition stopped in its first chunk ends STOPPED, one in its last may complete; seen here: both STOPPED)
            assertThat(manager.count("SELECT COUNT(*) FROM batch_step_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')")).isZero();
            assertThat(manager.count("SELECT COUNT(*) FROM worker_heartbeat")).as("a stopped worker takes its heartbeat row").isZero();

            // and: the restart, with no worker, does the rest of ovh from here through the AMP API; the result is the single host's
            RunOutcome resumed = manager.jobs().restart(null);
            assertCompleted(resumed);
            assertThat(routing(manager, "discoveryScan")).contains("ovh: fell back to amp-api: no live worker");
            assertThat(jars(manager)).isEqualTo(jars);
            assertThat(manager.count("SELECT COUNT(*) FROM inventory_event WHERE event = 'ADDED'")).isEqualTo(jars.size());
        }
    }

    /** The jars a discovery of {@code network} finds on one host, without workers (its own database). */
    private static List<String> singleHostJars(DemoNetwork network, String hint) throws Exception {
        try (DemoFixture ref = DemoFixture.open(copyNetwork(network, managerConfig(network, "single", newDatabase(hint))))) {
            assertCompleted(ref.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false));
            return jars(ref);
        }
    }

    static final class Worker implements AutoCloseable {
        final ConfigurableApplicationContext context;
        final PartitionWorker worker;
        final Thread thread;

        private Worker(ConfigurableApplicationContext context, PartitionWorker worker, Thread thread) {
            this.context = context;
            this.worker = worker;
            this.thread = thread;
        }

        static Worker start(DemoNetwork network, String server, Map<String, Object> db) throws IOException {
            String text = Files.readString(network.configFile(), StandardCharsets.UTF_8);
            String base = text.substring(0, text.indexOf("  simulator:")).replace("state-dir: ./state", "state-dir: ./worker-" + server + "-state");
            Path yml = network.dir().resolve("worker-" + server + ".yml");
            Files.writeString(yml, base + TIMINGS + datasource(db));
            Path state = Files.createDirectories(network.dir().resolve("worker-" + server + "-state"));
            SecretMasker.forStateDir(network.dir().resolve("state"));
            // one installation key on every host, so that secret fingerprints compare (docs/scaling.md)
            Files.copy(network.dir().resolve("state").resolve(SecretMasker.KEY_FILE), state.resolve(SecretMasker.KEY_FILE),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            HomeAmpSettings settings = ConfigLoader.load(yml, Map.of(), "test")
                    .servingLocally(server, network.dir().resolve("hosts").resolve(server).resolve("instances"));
            ConfigurableApplicationContext ctx = ApplicationContexts.openWorker(settings, Map.of());
            PartitionWorker w = PartitionWorker.fromContext(ctx, server, "test-" + server, ProcessHandle.current().pid(), "test");
            Thread t = new Thread(w::run, "worker-" + server);
            t.start();
            return new Worker(ctx, w, t);
        }

        @Override
        public void close() throws InterruptedException {
            worker.stop(Duration.ofSeconds(30));
            thread.join(30_000);
            context.close();
        }
    }

    static final String WORKER_PASSWORD = "worker-role-Secret-5e1d";

    /** Runs docs/worker-role.sql in the manager's database (as a superuser) and returns the worker role's datasource. */
    static Map<String, Object> workerRole(Map<String, Object> db) throws Exception {
        String url = (String) db.get("spring.datasource.url");
        String database = url.substring(url.lastIndexOf('/') + 1);
        String script = Files.readString(Path.of("docs/worker-role.sql"));
        try (java.sql.Connection c = EmbeddedPostgresDb.server().getDatabase("postgres", database).getConnection();
                java.sql.Statement st = c.createStatement()) {
            for (String statement : script.replaceAll("(?m)--.*$", "").split(";")) {
                if (statement.isBlank()) {
                    continue;
                }
                try {
                    st.execute(statement);
                } catch (java.sql.SQLException e) {
                    if (!statement.strip().startsWith("CREATE ROLE") || !"42710".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            st.execute("ALTER ROLE homeamp_worker PASSWORD '" + WORKER_PASSWORD + "'");
        }
        return Map.of("spring.datasource.url", url, "spring.datasource.username", "homeamp_worker", "spring.datasource.password", WORKER_PASSWORD);
    }

    /** A fresh database on the shared embedded PostgreSQL, as {@code spring.datasource.*} properties. */
    static Map<String, Object> newDatabase(String hint) {
        String name = EmbeddedPostgresDb.createDatabase(hint);
        return Map.of("spring.datasource.url", EmbeddedPostgresDb.url(name), "spring.datasource.username", EmbeddedPostgresDb.USER,
                "spring.datasource.password", EmbeddedPostgresDb.PASSWORD);
    }

    /** The demo's homeamp.yml with fast worker timings and the PostgreSQL datasource, as another file. */
    static Path managerConfig(DemoNetwork network, String name, Map<String, Object> db) throws IOException {
        Path yml = network.dir().resolve(name + ".yml");
        Files.writeString(yml, Files.readString(network.configFile()) + TIMINGS + datasource(db));
        return yml;
    }

    private static String datasource(Map<String, Object> db) {
        return "spring:\n  datasource:\n    url: " + db.get("spring.datasource.url") + "\n    username: " + db.get("spring.datasource.username")
                + "\n    password: " + db.get("spring.datasource.password") + "\n";
    }

    /** The same network read through another config file. */
    static DemoNetwork copyNetwork(DemoNetwork n, Path config) {
        return new DemoNetwork(n.dir(), config, n.servers(), n.instances(), n.jars(), n.plugins(), n.instancesByServer(), n.ampUrls(),
                n.planted(), n.reused());
    }

    static void assertCompleted(RunOutcome outcome) {
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
    }

    static String routing(DemoFixture demo, String managerStep) {
        return partitionManager(demo, managerStep).getExecutionContext().getString(PartitionRouter.ROUTING_KEY, "");
    }

    static StepExecution partitionManager(DemoFixture demo, String managerStep) {
        JobRepository repo = demo.context.getBean(JobRepository.class);
        Long id = demo.jdbc().queryForObject("SELECT MAX(step_execution_id) FROM batch_step_execution WHERE step_name = ?", Long.class, managerStep);
        return repo.getStepExecution(id);
    }

    private static List<StepExecution> partitions(DemoFixture demo, String managerStep) {
        StepExecution m = partitionManager(demo, managerStep);
        JobExecution job = demo.context.getBean(JobRepository.class).getJobExecution(m.getJobExecutionId());
        return new ArrayList<>(job.getStepExecutions().stream().filter(s -> s.getStepName().contains(":")).toList());
    }

    private static Path driftJson(DemoFixture demo) {
        return demo.settings().stateDir().resolve("reports").resolve(DAY.toString()).resolve("drift.json");
    }

    private static List<String> jars(DemoFixture demo) {
        return demo.jdbc().queryForList("""
                SELECT server || '|' || instance_name || '|' || file_name || '|' || COALESCE(sha256, '') || '|' || COALESCE(plugin_name, '')
                  FROM plugin_jar ORDER BY server, instance_name, file_name""", String.class);
    }

    private static List<String> findings(DemoFixture demo) {
        return demo.jdbc().queryForList("""
                SELECT finding_id || '|' || kind || '|' || state || '|' || COALESCE(actual, '') FROM drift_finding
                 ORDER BY server, instance_name, file, key_path, kind""", String.class);
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(200);
        }
    }
}
