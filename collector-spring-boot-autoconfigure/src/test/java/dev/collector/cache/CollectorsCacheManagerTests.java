package dev.collector.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;

import dev.collector.cache.CollectorCacheAutoConfigurationTests.SymbolLookup;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.RunningCollector;
import dev.collector.fixtures.CachingEnabled;
import dev.collector.fixtures.TwoCollectorsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Cacheable} in an application with two collectors: caching works in the
 * application's context, where the collectors and their helpers are, and each collector
 * has caches of its own, sized by its own properties and measured with its name.
 */
class CollectorsCacheManagerTests {

	private final ApplicationContextRunner twoCollectors = new ApplicationContextRunner()
		.withUserConfiguration(TwoCollectorsApplication.class, CachingEnabled.class)
		.withPropertyValues("spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
				"spring.main.web-application-type=none", "collector.schedule.enabled=false")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(SymbolLookup.class, SymbolLookup::new);

	@Test
	void theApplicationHasTheCacheManagerAndNoCollectorHasOneOfItsOwn() {
		this.twoCollectors.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(CollectorsCacheManager.class);
			for (var unit : context.getBean(CollectorRegistry.class).units()) {
				assertThat(unit.context().getBeansOfType(CacheManager.class)).isEmpty();
			}
		});
	}

	@Test
	void eachCollectorsRunsUseItsOwnCachesMeasuredWithItsName() {
		this.twoCollectors.run((context) -> {
			SymbolLookup lookup = context.getBean(SymbolLookup.class);
			try (RunningCollector.Scope readings = RunningCollector.enter("readings")) {
				lookup.name("BTC");
				lookup.name("BTC");
			}
			assertThat(lookup.calls()).isOne();
			try (RunningCollector.Scope quotes = RunningCollector.enter("quotes")) {
				// not the entry of readings' cache
				lookup.name("BTC");
			}
			assertThat(lookup.calls()).isEqualTo(2);
			// outside any run: the shared caches
			lookup.name("BTC");
			assertThat(lookup.calls()).isEqualTo(3);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(gets(meters, "readings", "hit")).isEqualTo(1);
			assertThat(gets(meters, "readings", "miss")).isEqualTo(1);
			assertThat(gets(meters, "quotes", "miss")).isEqualTo(1);
			assertThat(gets(meters, CollectorsCacheManager.NO_COLLECTOR, "miss")).isEqualTo(1);
		});
	}

	@Test
	void eachCollectorsCachesAreSizedByItsOwnProperties() {
		this.twoCollectors
			.withPropertyValues("collector.cache.max-size=100", "collector.collectors.quotes.cache.max-size=1")
			.run((context) -> {
				SymbolLookup lookup = context.getBean(SymbolLookup.class);
				for (String collector : new String[] { "readings", "quotes" }) {
					try (RunningCollector.Scope running = RunningCollector.enter(collector)) {
						for (int i = 0; i < 20; i++) {
							lookup.name("S" + i);
						}
					}
				}
				CollectorsCacheManager manager = context.getBean(CollectorsCacheManager.class);
				assertThat(size(manager, "readings")).isEqualTo(20);
				assertThat(size(manager, "quotes")).isLessThanOrEqualTo(1);
			});
	}

	private static double gets(MeterRegistry meters, String collector, String result) {
		return meters.get("cache.gets")
			.tags("cache", "symbols", "collector", collector, "result", result)
			.functionCounter()
			.count();
	}

	private static long size(CollectorsCacheManager manager, String collector) {
		com.github.benmanes.caffeine.cache.Cache<?, ?> cache = (com.github.benmanes.caffeine.cache.Cache<?, ?>) manager
			.getCache(collector, "symbols")
			.getNativeCache();
		cache.cleanUp();
		return cache.estimatedSize();
	}

}
