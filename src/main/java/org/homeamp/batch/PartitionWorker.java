package org.homeamp.batch;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.Message;
import org.springframework.messaging.PollableChannel;

/**
 * The loop of {@code homeamp worker} (SPEC §11 "Past one host"): takes the partition requests of its
 * own server from the database, {@code worker.concurrency} at a time, and runs them with this host's settings (the served
 * server's files are local here). A request is run only when it is sound (D-W3): a partition step
 * this worker knows, of its own server, whose step execution is still STARTING in a running job
 * execution; anything else (a duplicate, a request a dead attempt left, one whose run has failed or
 * been recovered since) is dropped and logged, so a request never runs a partition twice. Requests
 * are taken without a surrounding transaction (at most once): a worker killed mid-partition leaves it
 * STARTED, the manager fails the step, and {@code homeamp restart} redoes exactly that partition.
 * A heartbeat row says the worker is alive; {@link #stop(Duration)} ends it gracefully.
 */
public class PartitionWorker {
    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final JobRepository repository;
    private final RemotePartitions remote;
    private final PartitionInputs inputs;
    private final PollableChannel requests;
    private final String server;
    private final String version;
    private final String host;
    private final long pid;
    private final String workerId;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopping;
    private final Set<Long> current = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The loops inside a partition now: never interrupted, an interrupted file read would be taken for an unreadable file. */
    private final Set<Thread> busy = new java.util.HashSet<>();
    private final java.util.List<Thread> loops = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> permanent = new java.util.concurrent.atomic.AtomicReference<>();
    private ScheduledExecutorService beats;
    private final java.util.List<WorkerChore> chores;
    private ScheduledExecutorService choreThread;

    /**
     * @param inputs where an accepted request is run: the partition step built by Spring Batch's worker step factory listens there
     * @param chores this host's housekeeping (see {@link WorkerChore}), run beside the partitions
     */
    public PartitionWorker(JobRepository repository, RemotePartitions remote, PartitionInputs inputs, java.util.List<WorkerChore> chores,
            String server, String host, long pid, String version) {
        this.chores = java.util.List.copyOf(chores);
        this.repository = repository;
        this.remote = remote;
        this.inputs = inputs;
        this.requests = remote.requests(server);
        this.server = server;
        this.version = version;
        this.host = host;
        this.pid = pid;
        this.workerId = host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A worker over an open application context of this host's settings: its repository, its
     * {@link RemotePartitions} and {@link PartitionInputs} (only present with PostgreSQL).
     */
    public static PartitionWorker fromContext(org.springframework.beans.factory.ListableBeanFactory beans, String server, String host, long pid,
            String version) {
        return new PartitionWorker(beans.getBean(JobRepository.class), beans.getBean(RemotePartitions.class), beans.getBean(PartitionInputs.class),
                java.util.List.copyOf(beans.getBeansOfType(WorkerChore.class).values()), server, host, pid, version);
    }

    /** How many partitions this worker has run (ignored requests not counted). */
    public int served() {
        return served.get();
    }

    public String workerId() {
        return workerId;
    }

    /** The steps a worker runs: the per-instance partitions of discovery, drift-scan and deploy (rollback included). */
    public static final Set<String> PARTITION_STEPS = Set.of("discoveryScanInstance", "driftScanInstance", "deployInstance");

    /**
     * Registers the heartbeat and serves requests until {@link #stop(Duration)}, {@code worker.concurrency}
     * at a time (the calling thread and the others each take one request, run it, take the next); blocks
     * the calling thread.
     */
    public void run() {
        loops.add(Thread.currentThread());
        WorkerHeartbeats heartbeats = remote.heartbeats();
        String keyId = remote.fingerprintKeyId();
        heartbeats.register(workerId, server, host, pid, version, keyId, remote.stateHost());
        if (keyId == null) {
            log.warn("worker {}: this host has no fingerprint.key in its state dir: the manager will not send it partitions."
                    + " Fix: copy the manager's <state-dir>/fingerprint.key here (mode 0600, see docs/scaling.md), then restart the worker", workerId);
        }
        beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = remote.timings().heartbeat().toMillis();
        beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        startChores();
        int threads = Math.max(1, remote.concurrency());
        log.info("worker {} serves {} ({} partition(s) at a time, heartbeat every {} s, requests from group {})", workerId, server, threads,
                remote.timings().heartbeat().toSeconds(), RemotePartitions.group(server));
        try {
            for (int i = 1; i < threads; i++) {
                Thread t = new Thread(this::serveUntilStopped, "worker-" + i);
                loops.add(t);
                t.start();
            }
            serveUntilStopped();
            for (Thread t : loops) {
                if (t != Thread.currentThread()) {
                    t.join();
                }
            }
            RuntimeException failed = permanent.get();
            if (failed != null) {
                throw failed;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopping = true;
            beats.shutdownNow();
            stopChores();
            heartbeats.remove(workerId);
            log.info("worker {} stopped", workerId);
            ended.countDown();
        }
    }

    /** The chores on a thread of their own (a long prune must not delay a heartbeat): now, then each {@link WorkerChore#every()}. */
    private void startChores() {
        if (chores.isEmpty()) {
            return;
        }
        choreThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worker-chores");
            t.setDaemon(true);
            return t;
        });
        for (WorkerChore chore : chores) {
            choreThread.scheduleWithFixedDelay(() -> {
                if (stopping) {
                    return;
                }
                try {
                    chore.run();
                } catch (RuntimeException e) {
                    log.warn("worker {}: {} failed, tried again in {} min: {}", workerId, chore.name(), chore.every().toMinutes(), JobService.describe(e));
                }
            }, 0, chore.every().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Lets a chore that is running finish (never interrupted: a prune marks, then deletes, and an interrupted
     * delete would only leave work for the next round), for at most a minute.
     */
    private void stopChores() {
        if (choreThread == null) {
            return;
        }
        choreThread.shutdown();
        try {
            choreThread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One loop: take a request, run it, take the next, until the worker stops (or the database refuses it for good). */
    private void serveUntilStopped() {
        try {
            while (!stopping) {
                Message<?> message;
                try {
                    message = requests.receive(0);
                } catch (RuntimeException e) {
                    if (isPermanent(e)) {
                        throw e;
                    }
                    // the database is away for a moment: try again at the next poll
                    log.warn("worker {}: cannot read the request queue: {}", workerId, e.getMessage());
                    sleep(remote.timings().pollInterval());
                    continue;
                }
                if (message == null) {
                    sleep(remote.timings().pollInterval());
                } else {
                    serve(message);
                }
            }
        } catch (RuntimeException e) {
            permanent.compareAndSet(null, e);
            stopping = true;
        }
    }

    /** A missing table or right (SQL state class 42) does not heal by waiting: the worker stops and says so. */
    static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("42")) {
                return true;
            }
        }
        return false;
    }

    private void beat() {
        try {
            Long running = current.stream().min(Long::compare).orElse(null);
            if (!remote.heartbeats().beat(workerId, running)) {
                remote.heartbeats().register(workerId, server, host, pid, version, remote.fingerprintKeyId(), remote.stateHost());
            }
        } catch (RuntimeException e) {
            // the database is away for a moment: the manager sees the beat late, and says so if it is gone for good
            log.warn("worker {}: heartbeat not written: {}", workerId, e.getMessage());
        }
    }

    private void serve(Message<?> message) {
        if (!(message.getPayload() instanceof StepExecutionRequest request)) {
            log.warn("worker {}: ignored a message that is no partition request ({})", workerId, message.getPayload().getClass().getName());
            return;
        }
        long id = request.getStepExecutionId();
        String refusal = refusal(request);
        if (refusal != null) {
            log.info("worker {}: ignored the request for step execution {} ({}): {}", workerId, id, request.getStepName(), refusal);
            return;
        }
        current.add(id);
        synchronized (busy) {
            busy.add(Thread.currentThread());
            // a stop that woke this loop while it was idle must not reach the partition's reads
            Thread.interrupted();
        }
        served.incrementAndGet();
        beat();
        long started = System.nanoTime();
        StepExecution before = repository.getStepExecution(id);
        log.info("worker {}: running {} (step execution {})", workerId, before == null ? request.getStepName() : before.getStepName(), id);
        try {
            // the step runs on this thread: the input is a direct channel to Spring Batch's StepExecutionRequestHandler
            inputs.input(request.getStepName()).send(message);
        } catch (RuntimeException e) {
            log.error("worker {}: step execution {} ended with an error: {}", workerId, id, JobService.describe(e));
        } finally {
            synchronized (busy) {
                busy.remove(Thread.currentThread());
            }
            current.remove(id);
            beat();
        }
        StepExecution after = repository.getStepExecution(id);
        log.info("worker {}: {} {} in {} s", workerId, after == null ? request.getStepName() : after.getStepName(),
                after == null ? "gone" : after.getStatus(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** Why a request must not run, or {@code null} when it may. */
    String refusal(StepExecutionRequest request) {
        if (!PARTITION_STEPS.contains(request.getStepName())) {
            return "it names the step '" + request.getStepName() + "', which workers do not run";
        }
        StepExecution execution = repository.getStepExecution(request.getStepExecutionId());
        if (execution == null) {
            return "no such step execution in the job repository";
        }
        if (!execution.getStepName().startsWith(request.getStepName() + ":")) {
            return "the step execution is " + execution.getStepName() + ", not a partition of " + request.getStepName();
        }
        String partitionServer = execution.getExecutionContext().getString(RemotePartitions.SERVER_KEY, "");
        if (!server.equals(partitionServer)) {
            return "the partition belongs to server '" + partitionServer + "', this worker serves '" + server + "'";
        }
        if (execution.getStatus() != BatchStatus.STARTING) {
            return "it is already " + execution.getStatus() + " (a duplicate or a stale request)";
        }
        BatchStatus job = execution.getJobExecution().getStatus();
        if (!job.isRunning()) {
            return "its job execution " + execution.getJobExecutionId() + " is " + job;
        }
        return null;
    }

    /**
     * Stops taking requests; a partition that is running gets {@code grace} to finish, then is asked to
     * stop at its next chunk (it ends STOPPED, and the restart resumes it). Returns once the loop ended.
     */
    public void stop(Duration grace) {
        stopping = true;
        if (loops.isEmpty()) {
            return;
        }
        try {
            if (!ended.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                for (StepExecution running : inputs.running()) {
                    log.warn("worker {}: {} did not finish within {} s of the stop: stopping it at its next chunk", workerId,
                            running.getStepName(), grace.toSeconds());
                    running.setTerminateOnly();
                }
                // only idle loops are woken; a running partition ends at its next chunk, where its work is committed
                synchronized (busy) {
                    loops.stream().filter(t -> !busy.contains(t)).forEach(Thread::interrupt);
                }
                ended.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            if (!stopping) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
