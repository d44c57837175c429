package org.homeamp.batch;

import java.util.List;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads a run's persisted work list (one partition of it) in a stable order. The item count is
 * checkpointed with every chunk, so a restarted step resumes right after its last committed chunk:
 * the list is loaded again in the same order and the restored count is the position.
 *
 * @param <T> the work item
 */
public abstract class PersistedWorkListReader<T> extends AbstractItemCountingItemStreamItemReader<T> {
    private List<T> items;

    /** @param name the key under which the position is stored in the step's execution context */
    protected PersistedWorkListReader(String name) {
        setName(name);
    }

    /** The work list, always in the same order (an ORDER BY on a unique key). */
    protected abstract List<T> load();

    @Override
    protected void doOpen() {
        items = load();
    }

    @Override
    protected T doRead() {
        int i = getCurrentItemCount() - 1;
        return i < items.size() ? items.get(i) : null;
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        // index-based: the restored item count is the position
    }

    @Override
    protected void doClose() {
        items = null;
    }
}
