package org.homeamp.batch;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The two halves of every job's chunked work over a persisted work list: the partitioned manager
 * step and the reader of one partition's items.
 */
public final class WorkLists {
    private WorkLists() {
    }

    /**
     * A manager step that runs one {@code worker} per partition, {@code parallelism} at a time, with
     * {@link WorkListSplitter}: completed partitions are skipped on a restart, the others resume.
     */
    public static Step partitioned(String name, JobRepository repo, Step worker, Partitioner partitioner, TaskExecutor executor,
            StepExecutionListener progress) {
        return partitioned(name, repo, worker, partitioner, executor, progress, null, name);
    }

    /**
     * As {@link #partitioned(String, JobRepository, Step, Partitioner, TaskExecutor, StepExecutionListener)};
     * with {@code remote} (PostgreSQL only, else {@code null}) it is a Spring Batch remote-partitioning
     * manager step ({@link RemoteSteps}): the partitions of servers with a live {@code homeamp worker}
     * run there, the others here.
     */
    public static Step partitioned(String name, JobRepository repo, Step worker, Partitioner partitioner, TaskExecutor executor,
            StepExecutionListener progress, RemoteSteps remote, String label) {
        WorkListSplitter splitter = new WorkListSplitter(repo, worker.getName(), partitioner);
        if (remote != null) {
            return remote.managerStep(name, worker, partitioner, splitter, progress, label);
        }
        return new StepBuilder(name, repo)
                .partitioner(worker.getName(), partitioner)
                .splitter(splitter)
                .step(worker)
                .taskExecutor(executor)
                .listener(progress)
                .build();
    }

    /**
     * A partition's chunk step: reader → processor → writer in chunks of {@code chunk}, each chunk's
     * writes and the reader's position in one transaction, progress counted per chunk.
     */
    public static <I, O> Step worker(String name, JobRepository repo, PlatformTransactionManager tx, int chunk, ItemReader<I> reader,
            ItemProcessor<I, O> processor, ItemWriter<O> writer, ItemWriteListener<Object> progress) {
        return worker(name, repo, tx, chunk, reader, processor, writer, progress, null);
    }

    /** As above; with {@code remote} (PostgreSQL only) the step also runs the partition requests that reach this process. */
    public static <I, O> Step worker(String name, JobRepository repo, PlatformTransactionManager tx, int chunk, ItemReader<I> reader,
            ItemProcessor<I, O> processor, ItemWriter<O> writer, ItemWriteListener<Object> progress, RemoteSteps remote) {
        StepBuilder builder = remote == null ? new StepBuilder(name, repo) : remote.workerStep(name);
        return builder
                .<I, O>chunk(chunk)
                .transactionManager(tx)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .listener(progress)
                .build();
    }

    /**
     * Reads a work list page by page in the order of a unique sort key (Spring Batch's paging
     * reader). The page size equals the chunk size, and the reader stores the last committed key
     * under {@code name} with every chunk, so a restarted step resumes right after its last committed
     * chunk; no cursor stays open while the items' network calls run.
     *
     * @param where     a condition on named parameters ({@code :runId}, ...)
     * @param sortKey   a column unique within {@code where}
     */
    public static <T> JdbcPagingItemReader<T> reader(String name, DataSource dataSource, String select, String from, String where,
            String sortKey, Map<String, Object> parameters, int chunk, RowMapper<T> rows) {
        try {
            return new JdbcPagingItemReaderBuilder<T>()
                    .name(name)
                    .dataSource(dataSource)
                    .selectClause(select)
                    .fromClause(from)
                    .whereClause(where)
                    .sortKeys(Map.of(sortKey, Order.ASCENDING))
                    .parameterValues(parameters)
                    .pageSize(chunk)
                    .rowMapper(rows)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the work-list reader " + name + ": " + e.getMessage(), e);
        }
    }
}
