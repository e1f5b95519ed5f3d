package dev.collector.sample.prices;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * An application of the prices collector alone, for the tests of this package: the
 * sample's application runs the news collector, and the starter runs one collector per
 * application for now.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PricesConfiguration.class)
class PricesTestApplication {

}
