package dev.collector.config;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * Response cache for idempotent look-ups (Caffeine through Spring Cache), under
 * {@code collector.cache.*}; used when the application enables caching
 * ({@code @EnableCaching}).
 */
public class CacheProperties {

	/**
	 * Time an entry stays in the cache after it was written.
	 */
	private Duration ttl = Duration.ofMinutes(5);

	/**
	 * Most entries kept per cache; the least recently used go first.
	 */
	private long maxSize = 1000;

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public long getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(long maxSize) {
		this.maxSize = maxSize;
	}

	void validate(Errors errors) {
		if (this.ttl == null || this.ttl.isZero() || this.ttl.isNegative()) {
			errors.rejectValue("ttl", "range", "must be a positive duration such as 5m");
		}
		if (this.maxSize < 1) {
			errors.rejectValue("maxSize", "range", "must be at least 1");
		}
	}

}
