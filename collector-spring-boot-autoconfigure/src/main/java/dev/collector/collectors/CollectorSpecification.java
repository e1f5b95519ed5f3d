package dev.collector.collectors;

import java.util.Arrays;

/**
 * Configuration classes for one collector's own context, when the application declares
 * several: a bean declared there replaces the starter's bean of that type for that
 * collector alone (a bean the application declares in its own context replaces it for
 * all). Declare one bean of this type per collector that needs it:
 *
 * <pre class="code">
 * &#64;Bean
 * CollectorSpecification pricesSink() {
 *     return new CollectorSpecification("prices", PricesSinkConfiguration.class);
 * }
 * </pre>
 *
 * With a single collector, declare the bean in the application's context instead.
 *
 * @param collector the collector's name
 * @param configurations the {@code @Configuration} classes to register in its context
 */
public record CollectorSpecification(String collector, Class<?>... configurations) {

	@Override
	public boolean equals(Object other) {
		return other instanceof CollectorSpecification that && this.collector.equals(that.collector)
				&& Arrays.equals(this.configurations, that.configurations);
	}

	@Override
	public int hashCode() {
		return 31 * this.collector.hashCode() + Arrays.hashCode(this.configurations);
	}

	@Override
	public String toString() {
		return "CollectorSpecification[" + this.collector + ", " + Arrays.toString(this.configurations) + "]";
	}

}
