package dev.collector.cache;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;

import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.fixtures.CachingEnabled;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorCacheAutoConfigurationTests {

	/** An application with a collector that has not enabled caching. */
	private final ApplicationContextRunner withoutCaching = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class, CollectorAutoConfiguration.class,
				CollectorCacheAutoConfiguration.class, CacheAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "collector.name=cached",
				"collector.schedule.enabled=false")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(ScriptedCollector.class, ScriptedCollector::new)
		.withBean(SymbolLookup.class, SymbolLookup::new);

	private final ApplicationContextRunner contextRunner = this.withoutCaching
		.withUserConfiguration(CachingEnabled.class);

	@Test
	void cachesLookupsAndExportsHitsAndMisses() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MeteredCaffeineCacheManager.class);
			SymbolLookup lookup = context.getBean(SymbolLookup.class);
			assertThat(lookup.name("BTC")).isEqualTo("name of BTC");
			assertThat(lookup.name("BTC")).isEqualTo("name of BTC");
			assertThat(lookup.name("ETH")).isEqualTo("name of ETH");
			assertThat(lookup.calls()).isEqualTo(2);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("cache.gets").tags("cache", "symbols", "result", "hit").functionCounter().count())
				.isEqualTo(1);
			assertThat(meters.get("cache.gets").tags("cache", "symbols", "result", "miss").functionCounter().count())
				.isEqualTo(2);
		});
	}

	@Test
	void entriesAreBoundedByMaxSize() {
		this.contextRunner.withPropertyValues("collector.cache.max-size=1").run((context) -> {
			com.github.benmanes.caffeine.cache.Cache<?, ?> cache = (com.github.benmanes.caffeine.cache.Cache<?, ?>) context
				.getBean(CacheManager.class)
				.getCache("symbols")
				.getNativeCache();
			SymbolLookup lookup = context.getBean(SymbolLookup.class);
			for (int i = 0; i < 20; i++) {
				lookup.name("S" + i);
			}
			cache.cleanUp();
			assertThat(cache.estimatedSize()).isLessThanOrEqualTo(1);
		});
	}

	@Test
	void backsOffWhenTheApplicationHasACacheManager() {
		this.contextRunner.withBean(CacheManager.class, ConcurrentMapCacheManager::new)
			.run((context) -> assertThat(context).doesNotHaveBean(MeteredCaffeineCacheManager.class)
				.hasSingleBean(CacheManager.class));
	}

	@Test
	void withoutEnableCachingThereIsNoCacheAndCacheableIsNotApplied() {
		this.withoutCaching.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CacheManager.class);
			SymbolLookup lookup = context.getBean(SymbolLookup.class);
			lookup.name("BTC");
			lookup.name("BTC");
			assertThat(lookup.calls()).isEqualTo(2);
		});
	}

	static class SymbolLookup {

		private final AtomicInteger calls = new AtomicInteger();

		public int calls() {
			return this.calls.get();
		}

		@Cacheable("symbols")
		public String name(String symbol) {
			this.calls.incrementAndGet();
			return "name of " + symbol;
		}

	}

}
