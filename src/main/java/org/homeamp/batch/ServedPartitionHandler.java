package org.homeamp.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.TaskExecutor;

/**
 * The partition handler of a partitioned step when the job repository is PostgreSQL (D-W1): the
 * partitions of a server that has a live worker ({@link WorkerHeartbeats}) go to that server's message
 * group as {@code StepExecutionRequest}s and are run by its {@code homeamp worker}; the partitions of
 * every other server run here, on the step's task executor, exactly as without workers (a server with
 * {@code files: amp-api} is then read through the AMP API from this host). Both halves run at once;
 * the remote half is followed by polling the job repository. It fails the step (and so the run,
 * restartably) when a serving worker stops beating while its partitions are unfinished, or when
 * they take longer than {@code worker.partition-timeout}. The routing of the attempt is logged and
 * kept in the step's context under {@value #ROUTING_KEY}.
 */
public class ServedPartitionHandler implements PartitionHandler {
    public static final String ROUTING_KEY = "partitionRouting";
    private static final Logger log = LoggerFactory.getLogger(ServedPartitionHandler.class);

    private final Step worker;
    private final TaskExecutor executor;
    private final RemotePartitions remote;
    private final JobRepository repository;
    private final String label;

    /** @param label how the step is named in messages, e.g. {@code discovery scan} */
    public ServedPartitionHandler(Step worker, TaskExecutor executor, RemotePartitions remote, JobRepository repository, String label) {
        this.worker = worker;
        this.executor = executor;
        this.remote = remote;
        this.repository = repository;
        this.label = label;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        int stale = remote.purgeAll();
        if (stale > 0) {
            log.info("{}: dropped {} partition request(s) left by an earlier attempt", label, stale);
        }
        Set<StepExecution> partitions = splitter.split(manager, 1);
        Map<String, WorkerHeartbeats.LiveWorker> live = new LinkedHashMap<>(remote.liveWorkers());
        Map<String, WorkerHeartbeats.LiveWorker> otherKey = otherKeys(live);
        live.keySet().removeAll(otherKey.keySet());
        Set<StepExecution> local = new LinkedHashSet<>();
        Map<String, List<StepExecution>> served = new TreeMap<>();
        Set<String> localServers = new java.util.TreeSet<>();
        for (StepExecution p : partitions) {
            String server = p.getExecutionContext().getString(RemotePartitions.SERVER_KEY, "");
            if (live.containsKey(server)) {
                served.computeIfAbsent(server, s -> new ArrayList<>()).add(p);
            } else {
                local.add(p);
                localServers.add(server);
            }
        }
        String routing = routing(served, localServers, live, otherKey);
        if (!routing.isEmpty()) {
            log.info("{}: {}", label, routing);
            manager.getExecutionContext().putString(ROUTING_KEY, routing);
            repository.updateExecutionContext(manager);
        }

        CompletableFuture<Collection<StepExecution>> localDone = local.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> runLocally(local, manager), command -> {
                    // only waits for the local partitions, which run on the step's own task executor
                    Thread t = new Thread(command, "partitions-here");
                    t.setDaemon(true);
                    t.start();
                });
        Collection<StepExecution> remoteDone = List.of();
        Exception remoteFailure = null;
        try {
            remoteDone = runRemotely(served, live);
        } catch (Exception e) {
            remoteFailure = e;
        }
        Collection<StepExecution> here;
        try {
            here = localDone.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (remoteFailure != null) {
            throw remoteFailure;
        }
        List<StepExecution> all = new ArrayList<>(here);
        all.addAll(remoteDone);
        return all;
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

    private String routing(Map<String, List<StepExecution>> served, Set<String> localServers, Map<String, WorkerHeartbeats.LiveWorker> live,
            Map<String, WorkerHeartbeats.LiveWorker> otherKey) {
        List<String> lines = new ArrayList<>();
        served.forEach((server, ps) -> lines.add(server + ": served by worker " + live.get(server).describe() + ", " + ps.size() + " partition(s)"));
        for (String server : localServers) {
            String files = remote.fallback(server);
            WorkerHeartbeats.LiveWorker refused = otherKey.get(server);
            String why = refused == null ? "no live worker"
                    : "worker " + refused.describe() + " not used, its fingerprint.key is not this host's (copy this host's"
                            + " <state-dir>/fingerprint.key to it, see docs/scaling.md)";
            lines.add(server + (files.equals("amp-api") ? ": fell back to amp-api: " + why : ": " + why + ", files read here (files: local)"));
        }
        return String.join("; ", lines);
    }

    private Collection<StepExecution> runLocally(Set<StepExecution> local, StepExecution manager) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(worker);
        handler.setTaskExecutor(executor);
        StepExecutionSplitter fixed = new StepExecutionSplitter() {
            @Override
            public String getStepName() {
                return worker.getName();
            }

            @Override
            public Set<StepExecution> split(StepExecution stepExecution, int gridSize) {
                return local;
            }
        };
        try {
            return handler.handle(fixed, manager);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Collection<StepExecution> runRemotely(Map<String, List<StepExecution>> served, Map<String, WorkerHeartbeats.LiveWorker> live)
            throws InterruptedException {
        if (served.isEmpty()) {
            return List.of();
        }
        Map<Long, String> pending = new LinkedHashMap<>();
        for (Map.Entry<String, List<StepExecution>> e : served.entrySet()) {
            for (StepExecution p : e.getValue()) {
                remote.send(e.getKey(), worker.getName(), p.getId());
                pending.put(p.getId(), e.getKey());
            }
        }
        Duration poll = remote.timings().pollInterval();
        Duration timeout = remote.timings().partitionTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Long, StepExecution> finished = new LinkedHashMap<>();
        while (true) {
            Map<String, List<String>> unfinished = new TreeMap<>();
            for (Map.Entry<Long, String> p : pending.entrySet()) {
                if (finished.containsKey(p.getKey())) {
                    continue;
                }
                StepExecution now = repository.getStepExecution(p.getKey());
                if (now != null && !now.getStatus().isRunning()) {
                    finished.put(p.getKey(), now);
                } else {
                    unfinished.computeIfAbsent(p.getValue(), s -> new ArrayList<>()).add(now == null ? "#" + p.getKey() : now.getStepName());
                }
            }
            if (unfinished.isEmpty()) {
                return finished.values();
            }
            Map<String, WorkerHeartbeats.LiveWorker> liveNow = remote.liveWorkers();
            for (Map.Entry<String, List<String>> u : unfinished.entrySet()) {
                if (!liveNow.containsKey(u.getKey())) {
                    Long age = remote.heartbeats().secondsSinceLastBeat(u.getKey());
                    throw new WorkerLostException(label + ": the worker for " + u.getKey() + " (" + live.get(u.getKey()).describe() + ") "
                            + (age == null ? "stopped" : "stopped beating " + age + " s ago") + " with " + u.getValue().size()
                            + " partition(s) unfinished: " + names(u.getValue()) + ". Fix: start 'homeamp worker' on that host again"
                            + " (or leave it stopped: the restart then does " + u.getKey() + " from here through " + remote.fallback(u.getKey())
                            + "), then run the restart");
                }
            }
            if (System.nanoTime() > deadline) {
                Map.Entry<String, List<String>> u = unfinished.entrySet().iterator().next();
                throw new WorkerLostException(label + ": the workers did not finish within worker.partition-timeout (" + timeout.toMinutes()
                        + " min); still running on " + u.getKey() + ": " + names(u.getValue())
                        + ". Fix: check 'journalctl -u homeamp-worker' on that host, raise worker.partition-timeout if the work is just slow,"
                        + " then run the restart");
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private static String names(List<String> stepNames) {
        List<String> shown = stepNames.size() > 5 ? stepNames.subList(0, 5) : stepNames;
        return String.join(", ", shown.stream().map(n -> n.substring(n.indexOf(':') + 1)).toList()) + (stepNames.size() > 5 ? ", ..." : "");
    }

    /** A worker went away, or took too long, while its partitions were unfinished: the step fails restartably. */
    public static class WorkerLostException extends RuntimeException {
        public WorkerLostException(String message) {
            super(message);
        }
    }
}
