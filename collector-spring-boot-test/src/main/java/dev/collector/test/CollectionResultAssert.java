package dev.collector.test;

import org.assertj.core.api.AbstractAssert;

import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionResult.Status;
import dev.collector.collect.Trigger;

/**
 * Assertions on a {@link CollectionResult}: <pre class="code">
 * assertThat(tester.collect()).succeeded().hasInserted(9).hasInvalid(1);
 * </pre>
 */
public class CollectionResultAssert extends AbstractAssert<CollectionResultAssert, CollectionResult> {

	CollectionResultAssert(CollectionResult actual) {
		super(actual, CollectionResultAssert.class);
	}

	public CollectionResultAssert succeeded() {
		return hasStatus(Status.SUCCEEDED);
	}

	public CollectionResultAssert failed() {
		return hasStatus(Status.FAILED);
	}

	public CollectionResultAssert hasStatus(Status expected) {
		isNotNull();
		if (this.actual.status() != expected) {
			failWithMessage("Expected the collection to have status %s but it was %s (error: %s)", expected,
					this.actual.status(), this.actual.error());
		}
		return this;
	}

	public CollectionResultAssert hasTrigger(Trigger expected) {
		isNotNull();
		if (this.actual.request().trigger() != expected) {
			failWithMessage("Expected trigger %s but was %s", expected, this.actual.request().trigger());
		}
		return this;
	}

	public CollectionResultAssert hasCollected(long expected) {
		return hasCount("collected", this.actual.counts().collected(), expected);
	}

	public CollectionResultAssert hasInserted(long expected) {
		return hasCount("inserted", this.actual.counts().inserted(), expected);
	}

	public CollectionResultAssert hasDuplicates(long expected) {
		return hasCount("duplicate", this.actual.counts().duplicates(), expected);
	}

	public CollectionResultAssert hasInvalid(long expected) {
		return hasCount("invalid", this.actual.counts().invalid(), expected);
	}

	/**
	 * The run failed with an error message containing this text.
	 * @param text the expected part of the message
	 * @return this
	 */
	public CollectionResultAssert hasErrorContaining(String text) {
		failed();
		if (this.actual.error() == null || !this.actual.error().contains(text)) {
			failWithMessage("Expected the error to contain <%s> but it was <%s>", text, this.actual.error());
		}
		return this;
	}

	private CollectionResultAssert hasCount(String what, long actualCount, long expected) {
		isNotNull();
		if (actualCount != expected) {
			failWithMessage("Expected %d record(s) %s but there were %d (counts: %s)", expected, what, actualCount,
					this.actual.counts());
		}
		return this;
	}

}
