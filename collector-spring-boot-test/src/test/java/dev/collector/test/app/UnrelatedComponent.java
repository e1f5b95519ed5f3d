package dev.collector.test.app;

import org.springframework.stereotype.Component;

/**
 * A scanned component that is neither a collector nor a processor.
 */
@Component
public class UnrelatedComponent {

}
