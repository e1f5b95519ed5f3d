package dev.collector.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of a collection: names and keys. Any Boot tracing bridge turns them
 * into spans; Boot's meter handler into timers of the same name.
 * <ul>
 * <li>{@code collector.run}: one run (scheduled, manual or a backfill chunk's window).
 * Low cardinality: {@code collector}, {@code trigger}, {@code outcome}
 * ({@code succeeded|partial|failed}); high: {@code run.id}, {@code window}.</li>
 * <li>{@code collector.source}: the source's calls and reads of one window. Low:
 * {@code collector}; high: {@code run.id}, {@code window}, {@code symbols}.</li>
 * <li>{@code collector.sink.write}: one batch written. Low: {@code collector}; high:
 * {@code run.id}, {@code records}, {@code inserted}, {@code duplicates},
 * {@code rejected}.</li>
 * <li>{@code collector.backfill.chunk}: one chunk of a backfill task, the parent of its
 * runs. Low: {@code collector}, {@code outcome} ({@code succeeded|failed|yielded}); high:
 * {@code task.id}, {@code chunk}, {@code symbol}.</li>
 * </ul>
 */
public enum CollectorObservationDocumentation implements ObservationDocumentation {

	/** Around one run. */
	RUN {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCollectionRunObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.COLLECTOR, Keys.TRIGGER, Keys.OUTCOME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.RUN_ID, Keys.WINDOW };
		}
	},

	/** Around the source's calls and reads of one window. */
	SOURCE {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSourceObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.COLLECTOR };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.RUN_ID, Keys.WINDOW, Keys.SYMBOLS };
		}
	},

	/** Around one batch written to the sink. */
	SINK_WRITE {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSinkWriteObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.COLLECTOR };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.RUN_ID, Keys.RECORDS, Keys.INSERTED, Keys.DUPLICATES, Keys.REJECTED };
		}
	},

	/** Around one chunk of a backfill task. */
	BACKFILL_CHUNK {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultBackfillChunkObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.COLLECTOR, Keys.OUTCOME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.TASK_ID, Keys.CHUNK, Keys.SYMBOL };
		}
	};

	/**
	 * The keys of the collector's observations.
	 */
	public enum Keys implements KeyName {

		/** Name of the collector. */
		COLLECTOR("collector"),

		/** What started the run: schedule, manual or backfill. */
		TRIGGER("trigger"),

		/** How the run or chunk ended. */
		OUTCOME("outcome"),

		/** Id of the run. */
		RUN_ID("run.id"),

		/** Window collected, {@code from/to} in ISO-8601. */
		WINDOW("window"),

		/** Symbols asked of the source, "all" for every symbol. */
		SYMBOLS("symbols"),

		/** Records in the batch. */
		RECORDS("records"),

		/** Records the sink inserted. */
		INSERTED("inserted"),

		/** Records the sink found stored already. */
		DUPLICATES("duplicates"),

		/** Records the sink refused (quarantined). */
		REJECTED("rejected"),

		/** Id of the backfill task. */
		TASK_ID("task.id"),

		/** Id of the chunk, {@code task/number}. */
		CHUNK("chunk"),

		/** Symbol of the chunk. */
		SYMBOL("symbol");

		private final String key;

		Keys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
