package dev.collector.sample.news;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import dev.collector.sample.prices.PricesConfiguration;

/**
 * A news collector built on the collector starter: it reads RSS and Atom feeds, tags each
 * item with the crypto currencies it mentions and stores it in {@code news_item}. The
 * starter adds the schedule, {@code POST /collect}, validation with a quarantine,
 * de-duplicated writes, checkpoints, metrics and health.
 * <p>
 * A second collector, of daily crypto prices read from bundled files
 * ({@link PricesConfiguration}, package {@code dev.collector.sample.prices}), is imported
 * but off ({@code prices.enabled=false}) until the starter runs several collectors in one
 * application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(PricesConfiguration.class)
public class NewsCollectorApplication {

	public static void main(String[] args) {
		SpringApplication.run(NewsCollectorApplication.class, args);
	}

}
