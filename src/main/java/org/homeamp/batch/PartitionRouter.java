package org.homeamp.batch;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;

/**
 * The manager's side of remote partitioning (D-W1), behind Spring Batch's
 * {@code MessageChannelPartitionHandler}: the partitioned step is built by
 * {@code RemotePartitioningManagerStepBuilderFactory} with {@link #channel()} as its output channel
 * and polls the job repository for the partitions' results. Each {@code StepExecutionRequest} is
 * routed here by its partition's server: to that server's message group in the JDBC channel message
 * store when a worker of the server is alive (decided once per attempt, when the step starts), else
 * to this process's own request channel ({@link PartitionInputs}), where the partition runs on the
 * step's task executor (a server with {@code files: amp-api} is then read through the AMP API, the
 * fallback SPEC §11 asks for).
 *
 * <p>A watch fails the unfinished partitions of a server (in the job repository, with the reason)
 * when its worker stops beating, or when they are not done within {@code worker.partition-timeout};
 * the polling handler then sees every partition finished, the step fails, and {@code homeamp restart}
 * redoes exactly those partitions. The routing of the attempt is logged and kept in the manager
 * step's context under {@value #ROUTING_KEY}.
 */
public class PartitionRouter implements MessageHandler {
    public static final String ROUTING_KEY = "partitionRouting";
    private static final Logger log = LoggerFactory.getLogger(PartitionRouter.class);

    private final RemotePartitions remote;
    private final PartitionInputs inputs;
    private final JobRepository repository;
    private final DirectChannel channel = new DirectChannel();
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watches = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "partition-watch");
        t.setDaemon(true);
        return t;
    });

    public PartitionRouter(RemotePartitions remote, PartitionInputs inputs, JobRepository repository) {
        this.remote = remote;
        this.inputs = inputs;
        this.repository = repository;
        channel.subscribe(this);
    }

    /** The output channel of every remote-partitioned manager step. */
    public MessageChannel channel() {
        return channel;
    }

    /** The manager step's listener: decides the routing when the step starts and reports a lost worker when it ends. */
    public StepExecutionListener listener(String workerStep, String label) {
        return listener(workerStep, label, null);
    }

    /** As above; {@code placement} (may be null) pins partitions to the state dir that holds their files (deploy, D-W5). */
    public StepExecutionListener listener(String workerStep, String label, PartitionPlacement placement) {
        return new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution manager) {
                start(manager, workerStep, label, placement);
            }

            @Override
            public ExitStatus afterStep(StepExecution manager) {
                return end(manager, workerStep);
            }
        };
    }

    private static String key(long jobExecutionId, String workerStep) {
        // the correlation id MessageChannelPartitionHandler puts on every request of one manager step
        return jobExecutionId + ":" + workerStep;
    }

    private void start(StepExecution manager, String workerStep, String label, PartitionPlacement placement) {
        int stale = remote.purgeAll();
        if (stale > 0) {
            log.info("{}: dropped {} partition request(s) left by an earlier attempt", label, stale);
        }
        Map<String, WorkerHeartbeats.LiveWorker> live = new LinkedHashMap<>(remote.liveWorkers());
        Map<String, WorkerHeartbeats.LiveWorker> otherKey = otherKeys(live);
        live.keySet().removeAll(otherKey.keySet());
        attempts.put(key(manager.getJobExecutionId(), workerStep), new Attempt(manager, label, live, otherKey, placement));
    }

    private ExitStatus end(StepExecution manager, String workerStep) {
        Attempt a = attempts.remove(key(manager.getJobExecutionId(), workerStep));
        if (a == null) {
            return null;
        }
        ScheduledFuture<?> w = a.watch;
        if (w != null) {
            w.cancel(false);
        }
        String lost = a.lost;
        if (lost == null) {
            return null;
        }
        manager.addFailureException(new WorkerLostException(lost));
        return ExitStatus.FAILED.addExitDescription(lost);
    }

    /**
     * Live workers whose secret fingerprint key is not this host's (or who have none): their findings
     * would carry other fingerprints than a single-host run, so they get no partitions (D-W6).
     * Without a key here yet (before the first drift scan) nothing can be compared.
     */
    private Map<String, WorkerHeartbeats.LiveWorker> otherKeys(Map<String, WorkerHeartbeats.LiveWorker> live) {
        String mine = remote.fingerprintKeyId();
        Map<String, WorkerHeartbeats.LiveWorker> out = new LinkedHashMap<>();
        if (mine != null) {
            live.forEach((server, w) -> {
                if (!mine.equals(w.fingerprintKeyId())) {
                    out.put(server, w);
                }
            });
        }
        return out;
    }

    /** Routes one request; runs on the manager step's thread, inside {@code MessageChannelPartitionHandler.doHandle}. */
    @Override
    public void handleMessage(Message<?> message) {
        StepExecutionRequest request = (StepExecutionRequest) message.getPayload();
        IntegrationMessageHeaderAccessor headers = new IntegrationMessageHeaderAccessor(message);
        Attempt a = attempts.get(String.valueOf(headers.getCorrelationId()));
        if (a == null) {
            throw new IllegalStateException("a partition request of " + headers.getCorrelationId() + " came outside its step");
        }
        StepExecution partition = repository.getStepExecution(request.getStepExecutionId());
        String server = partition == null ? "" : partition.getExecutionContext().getString(RemotePartitions.SERVER_KEY, "");
        String need = a.placement == null || partition == null ? null : a.placement.requiredStateHost(partition);
        WorkerHeartbeats.LiveWorker worker = a.live.get(server);
        if (worker != null && (need == null || need.equals(worker.stateHost()))) {
            remote.send(server, message);
            a.served.computeIfAbsent(server, s -> new ArrayList<>()).add(request.getStepExecutionId());
        } else {
            if (need != null && (worker != null || PartitionPlacement.MANAGER.equals(need))) {
                a.pinned.computeIfAbsent(server, s -> new TreeMap<>()).merge(need, 1, Integer::sum);
            } else {
                a.here.add(server);
            }
            inputs.input(request.getStepName()).send(message);
        }
        if (++a.routed == headers.getSequenceSize()) {
            routed(a);
        }
    }

    /** Every request of the attempt is out: say where they went, and watch the workers that got some. */
    private void routed(Attempt a) {
        String routing = a.describe(remote);
        if (!routing.isEmpty()) {
            log.info("{}: {}", a.label, routing);
            a.manager.getExecutionContext().putString(ROUTING_KEY, routing);
            repository.updateExecutionContext(a.manager);
        }
        if (!a.served.isEmpty()) {
            a.deadline = System.nanoTime() + remote.timings().partitionTimeout().toNanos();
            long every = remote.timings().pollInterval().toMillis();
            a.watch = watches.scheduleWithFixedDelay(() -> watch(a), every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void watch(Attempt a) {
        try {
            Map<String, WorkerHeartbeats.LiveWorker> liveNow = remote.liveWorkers();
            boolean late = System.nanoTime() > a.deadline;
            for (Map.Entry<String, List<Long>> e : a.served.entrySet()) {
                String server = e.getKey();
                if (!late && liveNow.containsKey(server)) {
                    continue;
                }
                List<StepExecution> unfinished = unfinished(e.getValue());
                if (unfinished.isEmpty()) {
                    continue;
                }
                String why = late ? lateMessage(a, server, unfinished) : lostMessage(a, server, unfinished);
                if (a.lost == null) {
                    a.lost = why;
                    log.error(why);
                }
                for (StepExecution p : unfinished) {
                    fail(p, why);
                }
            }
        } catch (RuntimeException e) {
            // the database is away for a moment: the next round tries again
            log.warn("{}: cannot check the workers now: {}", a.label, e.getMessage());
        }
    }

    private List<StepExecution> unfinished(List<Long> ids) {
        List<StepExecution> out = new ArrayList<>();
        for (Long id : ids) {
            StepExecution now = repository.getStepExecution(id);
            if (now != null && now.getStatus().isRunning()) {
                out.add(now);
            }
        }
        return out;
    }

    /** Marks a partition FAILED in the job repository; a worker that wrote it meanwhile wins, and the next round looks again. */
    private void fail(StepExecution partition, String why) {
        partition.setStatus(org.springframework.batch.core.BatchStatus.FAILED);
        partition.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
        partition.setEndTime(LocalDateTime.now());
        try {
            repository.update(partition);
        } catch (OptimisticLockingFailureException movedOn) {
            log.debug("partition {} changed while it was being failed; looking again at the next round", partition.getStepName());
        }
    }

    private String lostMessage(Attempt a, String server, List<StepExecution> unfinished) {
        Long age = remote.heartbeats().secondsSinceLastBeat(server);
        return a.label + ": the worker for " + server + " (" + a.live.get(server).describe() + ") "
                + (age == null ? "stopped" : "stopped beating " + age + " s ago") + " with " + unfinished.size()
                + " partition(s) unfinished: " + names(unfinished) + ". Fix: start 'homeamp worker' on that host again"
                + " (or leave it stopped: the restart then does " + server + " from here through " + remote.fallback(server)
                + "), then run 'homeamp restart'";
    }

    private String lateMessage(Attempt a, String server, List<StepExecution> unfinished) {
        return a.label + ": the workers did not finish within worker.partition-timeout (" + remote.timings().partitionTimeout().toMinutes()
                + " min); still unfinished on " + server + ": " + names(unfinished) + ". Fix: check 'journalctl -u homeamp-worker' on that"
                + " host, raise worker.partition-timeout if the work is just slow, then run 'homeamp restart'";
    }

    private static String names(List<StepExecution> partitions) {
        List<String> names = partitions.stream().map(p -> p.getStepName().substring(p.getStepName().indexOf(':') + 1)).sorted().toList();
        return String.join(", ", names.size() > 5 ? names.subList(0, 5) : names) + (names.size() > 5 ? ", ..." : "");
    }

    /** Stops the watch thread (the context closes). */
    public void close() {
        watches.shutdownNow();
    }

    /** One attempt of one manager step: who serves which server, and what became of it. */
    private static final class Attempt {
        final StepExecution manager;
        final String label;
        final Map<String, WorkerHeartbeats.LiveWorker> live;
        final Map<String, WorkerHeartbeats.LiveWorker> otherKey;
        final Map<String, List<Long>> served = new TreeMap<>();
        final Set<String> here = new TreeSet<>();
        /** Per server, the partitions run here because their files are in a state dir other than its live worker's (or none is live). */
        final Map<String, Map<String, Integer>> pinned = new TreeMap<>();
        final PartitionPlacement placement;
        int routed;
        volatile long deadline;
        volatile ScheduledFuture<?> watch;
        volatile String lost;

        Attempt(StepExecution manager, String label, Map<String, WorkerHeartbeats.LiveWorker> live,
                Map<String, WorkerHeartbeats.LiveWorker> otherKey, PartitionPlacement placement) {
            this.manager = manager;
            this.placement = placement;
            this.label = label;
            this.live = live;
            this.otherKey = otherKey;
        }

        String describe(RemotePartitions remote) {
            List<String> lines = new ArrayList<>();
            served.forEach((server, ps) -> lines.add(server + ": served by worker " + live.get(server).describe() + ", " + ps.size() + " partition(s)"));
            for (String server : here) {
                String files = remote.fallback(server);
                WorkerHeartbeats.LiveWorker refused = otherKey.get(server);
                String why = refused == null ? "no live worker"
                        : "worker " + refused.describe() + " not used, its fingerprint.key is not this host's (copy this host's"
                                + " <state-dir>/fingerprint.key to it, see docs/scaling.md)";
                lines.add(server + (files.equals("amp-api") ? ": fell back to amp-api: " + why : ": " + why + ", files read here (files: local)"));
            }
            pinned.forEach((server, needs) -> needs.forEach((need, n) -> lines.add(server + ": " + n + " partition(s) run here: their"
                    + " deployment files are in " + StateHosts.describe(PartitionPlacement.MANAGER.equals(need) ? null : need)
                    + (live.containsKey(server) ? ", not in the state dir of worker " + live.get(server).describe() : ""))));
            return String.join("; ", lines);
        }
    }

    /** A worker went away, or took too long, while its partitions were unfinished: the step fails restartably. */
    public static class WorkerLostException extends RuntimeException {
        public WorkerLostException(String message) {
            super(message);
        }
    }
}
