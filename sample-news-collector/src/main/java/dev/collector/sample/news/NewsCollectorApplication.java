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
 * ({@link PricesConfiguration}, package {@code dev.collector.sample.prices}), runs beside
 * it: each is a named unit with its own table, schedule, checkpoint and paths under
 * {@code /collectors/{name}}; the news collector is the default one
 * ({@code collector.default-collector}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(PricesConfiguration.class)
public class NewsCollectorApplication {

	public static void main(String[] args) {
		SpringApplication.run(NewsCollectorApplication.class, args);
	}

}
