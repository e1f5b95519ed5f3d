package dev.collector.test.multi;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with two collectors, {@code prices} ({@link PricesCollector}) and
 * {@code rates} ({@link RatesCollector}), for the test kit's tests of several collectors.
 */
@SpringBootApplication
public class TwoCollectorsKitApplication {

}
