package dev.collector.architecture;

import java.net.URISyntaxException;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.Test;

import dev.collector.collect.CollectorAutoConfiguration;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the packages of the starter's main code free of cycles, as Spring Boot's build
 * does with its {@code PackageTangleCheck}. A package in a cycle can be neither
 * understood, tested nor moved without the others; {@code docs/architecture.md} shows the
 * layers that keep them apart.
 * <p>
 * A plain JUnit test rather than an {@code @ArchTest} field: Surefire's {@code -Dtest}
 * filter does not select {@code @ArchTest} fields, so the rule would silently not run in
 * a filtered build.
 */
class PackageCycleTests {

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.collector.(*)..").should().beFreeOfCycles().check(mainClasses());
	}

	/**
	 * The module's main classes only (its {@code target/classes}), neither its tests nor
	 * the other modules on the test class path.
	 */
	private static JavaClasses mainClasses() {
		try {
			Location main = Location
				.of(CollectorAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return new ClassFileImporter().importLocations(Set.of(main));
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
