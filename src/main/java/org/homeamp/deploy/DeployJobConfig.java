package org.homeamp.deploy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RemotePartitioningConfig;
import org.homeamp.batch.RemoteSteps;
import org.homeamp.batch.StateHosts;
import org.homeamp.batch.WorkListSplitter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.homeamp.config.HomeAmpSettings;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wiring of the {@code deploy} job (SPEC §10): one partition per instance with approved rows,
 * {@code deploy.parallel} at a time, each running {@link InstanceDeployer}; then the finish step that
 * records the deployment's result. The instance steps run without a step transaction on purpose:
 * their every state change commits on its own (see {@link DeploymentStore}), and no transaction may
 * stay open across AMP calls and the health wait.
 */
@Configuration
public class DeployJobConfig {
    static final String DEPLOYMENT = "deployment";
    static final String SERVER = "server";
    static final String INSTANCE = "instance";

    @Bean
    public Job deployJob(JobRepository repo, Step deployInstancesStep, Step deployFinishStep, DeploymentListener deploymentListener) {
        return new JobBuilder(JobNames.DEPLOY, repo).start(deployInstancesStep).next(deployFinishStep).listener(deploymentListener).build();
    }

    /** A rollback is a deployment whose instances restore the undone deployment's backups (see {@link InstanceDeployer}). */
    @Bean
    public Job rollbackJob(JobRepository repo, Step deployInstancesStep, Step deployFinishStep, DeploymentListener deploymentListener) {
        return new JobBuilder(JobNames.ROLLBACK, repo).start(deployInstancesStep).next(deployFinishStep).listener(deploymentListener).build();
    }

    /**
     * The partitioned step. With PostgreSQL it is a remote-partitioning manager step (D-W5): an
     * instance runs on its server's live {@code homeamp worker} (files local there), pinned to the
     * state dir that holds its files once it was prepared ({@link DeployPlacement}); the staged jars go
     * to the workers through the database ({@link JarShipment}); the rest run here.
     */
    @Bean
    public Step deployInstancesStep(JobRepository repo, Step deployInstanceStep, Partitioner deployPartitioner, @org.springframework.beans.factory.annotation.Qualifier("deployExecutor") ThreadPoolTaskExecutor deployExecutor,
            ObjectProvider<RemoteSteps> remoteSteps, DeploymentStore store, StagedJars stagedJars, JdbcTemplate jdbc) {
        RemoteSteps remote = remoteSteps.getIfAvailable();
        if (remote != null) {
            return remote.managerStep("deployInstances", deployInstanceStep, deployPartitioner,
                    new WorkListSplitter(repo, deployInstanceStep.getName(), deployPartitioner), new JarShipment(store, stagedJars, jdbc), "deploy",
                    new DeployPlacement(store));
        }
        return new StepBuilder("deployInstances", repo)
                .partitioner("deployInstance", deployPartitioner)
                .step(deployInstanceStep)
                .taskExecutor(deployExecutor)
                .build();
    }

    /**
     * {@code deploy.parallel} instances at a time in this process (the manager; a worker has its own limit,
     * see {@link #deployInstanceTasklet}). A pool with a queue, so that handing over a partition never
     * blocks: with workers, the manager's step sends every partition in server order, and an executor that
     * made the sender wait for a free slot (as a throttled {@code SimpleAsyncTaskExecutor} does) held back
     * the requests of a worker's server until this host's own instances were nearly done (D-W10).
     */
    @Bean
    public ThreadPoolTaskExecutor deployExecutor(DeployOptions deployOptions) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(deployOptions.parallel());
        executor.setMaxPoolSize(deployOptions.parallel());
        executor.setThreadNamePrefix("deploy-");
        return executor;
    }

    @Bean
    public Step deployInstanceStep(JobRepository repo, Tasklet deployInstanceTasklet, @org.springframework.beans.factory.annotation.Qualifier("deployExecutor") ThreadPoolTaskExecutor deployExecutor,
            ObjectProvider<RemoteSteps> remoteSteps) {
        RemoteSteps remote = remoteSteps.getIfAvailable();
        if (remote == null) {
            return new StepBuilder("deployInstance", repo).tasklet(deployInstanceTasklet, new ResourcelessTransactionManager()).build();
        }
        remote.runHereOn("deployInstance", deployExecutor);
        return remote.workerStep("deployInstance").tasklet(deployInstanceTasklet, new ResourcelessTransactionManager()).build();
    }

    @Bean
    public Step deployFinishStep(JobRepository repo, PlatformTransactionManager tx, DeploymentStore store, DeploymentNotifier deploymentNotifier,
            StagedJars stagedJars, JdbcTemplate jdbc) {
        return new StepBuilder("deployFinish", repo).tasklet(new DeploymentFinisher(store, deploymentNotifier, new JarShipment(store, stagedJars, jdbc)), tx)
                .allowStartIfComplete(true).build();
    }

    /**
     * The nightly's {@code pruneBackups} step: backups of deployments older than {@code deploy.keep-backups-days},
     * except the latest of each instance ({@link BackupPruner}). Idempotent, so a restart may run it again.
     */
    @Bean
    public Step pruneBackupsStep(JobRepository repo, DeploymentStore store, HomeAmpSettings settings) {
        BackupPruner pruner = new BackupPruner(store, new Backups(settings.stateDir()), settings.deploy().keepBackupsDays(), Clock.systemUTC());
        return new StepBuilder("pruneBackups", repo).tasklet(pruner, new ResourcelessTransactionManager()).build();
    }

    /** A worker's prune of the backups in its own state dir (D-W9); only in a {@code homeamp worker}'s context. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = RemotePartitioningConfig.WORKER_PROCESS, havingValue = "true")
    public org.homeamp.batch.WorkerChore workerBackupPrune(DeploymentStore store, HomeAmpSettings settings) {
        return new WorkerBackupPrune(store, settings, Clock.systemUTC());
    }

    /** One partition per instance of the deployment, in server and instance order; the context holds only names. */
    @Bean
    @StepScope
    public Partitioner deployPartitioner(DeploymentStore store, @Value("#{jobParameters['" + DEPLOYMENT + "']}") String deployment) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (DeployedInstance i : store.instances(deployment)) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putString(SERVER, i.server());
                ctx.putString(INSTANCE, i.instance());
                partitions.put(i.server() + "/" + i.instance(), ctx);
            }
            return partitions;
        };
    }

    @Bean
    @StepScope
    public Tasklet deployInstanceTasklet(InstanceDeployer instanceDeployer, @Value("#{jobParameters['" + DEPLOYMENT + "']}") String deployment,
            @Value("#{stepExecution.stepName}") String stepName, @Value("#{stepExecutionContext['" + SERVER + "']}") String server,
            @Value("#{stepExecutionContext['" + INSTANCE + "']}") String instance, InstanceLock instanceLock,
            @Value("${" + RemotePartitioningConfig.WORKER_PROCESS + ":false}") boolean workerProcess, DeployOptions deployOptions) {
        return (contribution, chunk) -> {
            String[] target = server != null && instance != null ? new String[] {server, instance} : fromStepName(stepName);
            if (workerProcess) {
                // a worker's loops take requests worker.concurrency at a time: deploy.parallel is this host's limit here too
                WORKER_SLOTS.computeIfAbsent(deployOptions.parallel(), java.util.concurrent.Semaphore::new).acquire();
                try {
                    instanceLock.run(deployment, target[0], target[1], () -> instanceDeployer.deploy(deployment, target[0], target[1]));
                } finally {
                    WORKER_SLOTS.get(deployOptions.parallel()).release();
                }
            } else {
                instanceLock.run(deployment, target[0], target[1], () -> instanceDeployer.deploy(deployment, target[0], target[1]));
            }
            return RepeatStatus.FINISHED;
        };
    }

    /**
     * A partition's step name is {@code deployInstance:<server>/<instance>}: the fallback when a crash
     * stored the step execution before its context, so a restart never depends on a half-stored context.
     */
    static String[] fromStepName(String stepName) {
        String name = stepName.substring(stepName.indexOf(':') + 1);
        int slash = name.indexOf('/');
        if (slash < 0) {
            throw new IllegalStateException("partition " + stepName + " names no server/instance");
        }
        return new String[] {name.substring(0, slash), name.substring(slash + 1)};
    }

    /** {@code deploy.parallel} and {@code deploy.health-timeout} of homeamp.yml. */
    @Bean
    public DeployOptions deployOptions(HomeAmpSettings settings) {
        return new DeployOptions(settings.deploy().parallel(), settings.deploy().healthTimeout());
    }

    /** The instance deploys a worker process runs at once, per {@code deploy.parallel}. */
    private static final java.util.Map<Integer, java.util.concurrent.Semaphore> WORKER_SLOTS = new java.util.concurrent.ConcurrentHashMap<>();

    @Bean
    public InstanceDeployer instanceDeployer(DeploymentStore store, DeployContext context, HomeAmpSettings settings, DeployOptions deployOptions,
            @Value("${" + RemotePartitioningConfig.WORKER_PROCESS + ":false}") boolean workerProcess) {
        return new InstanceDeployer(store, context, new Backups(settings.stateDir()), new HealthCheck(deployOptions.healthTimeout()),
                workerProcess ? StateHosts.of(settings.stateDir()) : null);
    }

    @Bean
    InstanceLock instanceLock(javax.sql.DataSource dataSource, HomeAmpSettings settings) {
        Object url = settings.springProperties().get("spring.datasource.url");
        return new InstanceLock(dataSource, url != null && org.homeamp.config.SqlDialect.isPostgres(url.toString()));
    }
}
