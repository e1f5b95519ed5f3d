package dev.collector.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.Task;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import dev.collector.cluster.SharedTask.Owner;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;

/**
 * The tasks of every collector of an application that declares several, gathered for the
 * one db-scheduler that serves them all: per task name one {@link SharedTask} that hands
 * each execution to the collector that owns it. Each collector's context keeps its
 * {@link ClusterCollection} and {@link ClusterTask} beans; only the scheduler, its
 * lifecycle and the restart recovery live in the application's context.
 */
public class SharedClusterTasks {

	private static final Log logger = LogFactory.getLog(SharedClusterTasks.class);

	private final List<ClusterCollection> collections;

	private final List<SharedTask<?>> tasks;

	private final ChunkFairness fairness;

	/**
	 * Gather the tasks of the registry's collectors.
	 * @param registry the collectors
	 * @param chunkThreads the backfill chunks one replica runs at once
	 * @param fullRetry when a chunk that found every thread for chunks taken tries again
	 */
	public SharedClusterTasks(CollectorRegistry registry, int chunkThreads, Duration fullRetry) {
		List<ClusterCollection> collections = new ArrayList<>();
		Map<String, List<Owner>> byName = new LinkedHashMap<>();
		Map<String, ClusterTask> onDemand = new LinkedHashMap<>();
		for (CollectorUnit unit : registry.units()) {
			ListableBeanFactory beans = unit.context();
			// the collector's own beans only (a ListableBeanFactory does not look at the
			// parent)
			ClusterCollection collection = single(beans.getBeansOfType(ClusterCollection.class).values());
			if (collection == null) {
				logger.warn("Collector '" + unit.name() + "' has no ClusterCollection: the shared scheduler skips it");
				continue;
			}
			collections.add(collection);
			add(byName, new Owner(unit.name(), collection.task(), (id) -> false, true));
			List<ClusterTask> clusterTasks = new ArrayList<>(beans.getBeansOfType(ClusterTask.class).values());
			AnnotationAwareOrderComparator.sort(clusterTasks);
			for (ClusterTask clusterTask : clusterTasks) {
				add(byName,
						new Owner(unit.name(), clusterTask.task(), clusterTask::owns, clusterTask.createdAtStartup()));
				if (!clusterTask.createdAtStartup()) {
					onDemand.put(unit.name() + "/" + clusterTask.task().getName(), clusterTask);
				}
			}
		}
		this.collections = List.copyOf(collections);
		this.fairness = new ChunkFairness(chunkThreads, () -> waiting(onDemand));
		List<SharedTask<?>> tasks = new ArrayList<>();
		byName.values().forEach((owners) -> {
			boolean chunks = owners.stream().noneMatch(Owner::createdAtStartup);
			tasks.add(new SharedTask<>(owners, chunks ? this.fairness : null, fullRetry));
		});
		this.tasks = List.copyOf(tasks);
	}

	/**
	 * Every collector's collection, in the collectors' order.
	 * @return the collections
	 */
	public List<ClusterCollection> collections() {
		return this.collections;
	}

	/**
	 * The shared tasks whose instances are created at start-up (the collection, the
	 * retention purge), or those whose executions are added on demand (backfill chunks).
	 * @param createdAtStartup which of them
	 * @return the tasks
	 */
	public List<SharedTask<?>> tasks(boolean createdAtStartup) {
		return this.tasks.stream().filter((task) -> task.createdAtStartup() == createdAtStartup).toList();
	}

	/**
	 * Every shared task.
	 * @return the tasks
	 */
	public List<Task<?>> all() {
		return List.copyOf(this.tasks);
	}

	ChunkFairness fairness() {
		return this.fairness;
	}

	/**
	 * Have this replica's scheduler look for due executions now.
	 */
	public void wakeUp() {
		if (!this.collections.isEmpty()) {
			this.collections.get(0).wakeUp();
		}
	}

	private static void add(Map<String, List<Owner>> byName, Owner owner) {
		byName.computeIfAbsent(owner.task().getName(), (name) -> new ArrayList<>()).add(owner);
	}

	private static Collection<String> waiting(Map<String, ClusterTask> onDemand) {
		List<String> waiting = new ArrayList<>();
		onDemand.forEach((key, task) -> {
			String collector = key.substring(0, key.indexOf('/'));
			try {
				if (task.hasWaitingExecutions() && !waiting.contains(collector)) {
					waiting.add(collector);
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not tell whether " + collector + " has chunks waiting: " + ex.getMessage());
			}
		});
		return waiting;
	}

	private static <T> T single(Collection<T> beans) {
		return (beans.size() == 1) ? beans.iterator().next() : null;
	}

}
