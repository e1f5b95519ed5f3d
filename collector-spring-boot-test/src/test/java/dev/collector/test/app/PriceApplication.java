package dev.collector.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the module's own tests run: one collector of prices over HTTP. The
 * {@link UnrelatedComponent} is one a {@code @CollectorTest} must leave out.
 */
@SpringBootApplication
public class PriceApplication {

}
