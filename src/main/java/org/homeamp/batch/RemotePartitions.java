package org.homeamp.batch;

import java.util.Map;

import org.homeamp.config.FilesMode;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.HomeAmpSettings.WorkerSettings;
import org.homeamp.config.ServerSettings;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.messaging.Message;
import org.springframework.messaging.PollableChannel;

/**
 * The manager's and the workers' common view of remote partitioning (SPEC §11 "Past one host"): one
 * message group per server in Spring Integration's JDBC channel message store (region
 * {@value #REGION}, group {@code partition-requests.<server>}), and the workers' heartbeats. Exists
 * only when the job repository is PostgreSQL ({@link RemotePartitioningConfig}).
 */
public class RemotePartitions {
    public static final String REGION = "HOMEAMP_PARTITIONS";
    /** The partition context key every partitioned step puts the partition's server under. */
    public static final String SERVER_KEY = "server";

    private final JdbcChannelMessageStore store;
    private final WorkerHeartbeats heartbeats;
    private final HomeAmpSettings settings;

    public RemotePartitions(JdbcChannelMessageStore store, WorkerHeartbeats heartbeats, HomeAmpSettings settings) {
        this.store = store;
        this.heartbeats = heartbeats;
        this.settings = settings;
    }

    public static String group(String server) {
        return "partition-requests." + server;
    }

    /** How many partitions a worker of this host runs at a time: {@code worker.concurrency}, else {@code parallelism}. */
    public int concurrency() {
        int c = settings.worker().concurrency();
        return c > 0 ? c : settings.parallelism();
    }

    public WorkerSettings timings() {
        return settings.worker();
    }

    public WorkerHeartbeats heartbeats() {
        return heartbeats;
    }

    /** The servers with a live worker now, each with its freshest worker. */
    public Map<String, WorkerHeartbeats.LiveWorker> liveWorkers() {
        return heartbeats.live(settings.worker().staleAfter());
    }

    /** How this host reaches a server's files when no worker serves it: {@code amp-api} or {@code local}. */
    public String fallback(String server) {
        return settings.server(server).map(ServerSettings::files).map(f -> f == FilesMode.LOCAL ? "local" : "amp-api").orElse("amp-api");
    }

    /**
     * A short hash of this host's secret fingerprint key ({@code <state-dir>/fingerprint.key}, the file
     * of {@code drift.SecretMasker}), or {@code null} when there is none yet. It says whether two hosts
     * hold the same key without telling anything about the key.
     */
    public String fingerprintKeyId() {
        return fingerprintKeyId(settings.stateDir());
    }

    /** As {@link #fingerprintKeyId()}, for the key in {@code stateDir}. */
    public static String fingerprintKeyId(java.nio.file.Path stateDir) {
        java.nio.file.Path key = stateDir.resolve("fingerprint.key");
        try {
            if (!java.nio.file.Files.isRegularFile(key)) {
                return null;
            }
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update("homeamp-fingerprint-key-id:".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sha.update(java.nio.file.Files.readAllBytes(key));
            return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read the fingerprint key " + key + ": " + e.getMessage()
                    + ". Fix: it must be a file readable by the service user (mode 0600)", e);
        }
    }

    /** This process's state host as a worker ({@link StateHosts}): its host name and state dir. */
    public String stateHost() {
        return StateHosts.of(settings.stateDir());
    }

    /** Drops requests an earlier, dead attempt left for a server (they would be ignored anyway). */
    public int purge(String server) {
        int stale = store.messageGroupSize(group(server));
        if (stale > 0) {
            store.removeMessageGroup(group(server));
        }
        return stale;
    }

    /**
     * Drops the requests of every configured server. Called when a partitioned step starts: only one
     * manager runs at a time (the run lock), so whatever is queued then is left over from an attempt
     * that died, and must not reach a worker that comes up later.
     */
    public int purgeAll() {
        int stale = 0;
        for (ServerSettings s : settings.servers()) {
            stale += purge(s.name());
        }
        return stale;
    }

    /** Queues a partition request (as {@code MessageChannelPartitionHandler} made it) for a worker of {@code server}. */
    public void send(String server, Message<?> request) {
        store.addMessageToGroup(group(server), request);
    }

    /** Queues the request to run one partition's step execution on a worker of {@code server}. */
    public void send(String server, String workerStep, long stepExecutionId) {
        send(server, MessageBuilder.withPayload(new StepExecutionRequest(workerStep, stepExecutionId)).build());
    }

    /**
     * The request queue of {@code server}'s workers: a Spring Integration queue channel over its
     * message group; {@code receive(0)} takes the next request (PostgreSQL {@code DELETE ... FOR UPDATE
     * SKIP LOCKED}: no two workers get the same one), or null when none is queued.
     */
    public PollableChannel requests(String server) {
        return new QueueChannel(new MessageGroupQueue(store, group(server)));
    }

    public int queued(String server) {
        return store.messageGroupSize(group(server));
    }
}
