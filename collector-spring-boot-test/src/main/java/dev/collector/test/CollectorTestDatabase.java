package dev.collector.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.annotation.Import;

/**
 * Runs the test against a real database in a private schema that is dropped when the
 * context closes. The database is found the Spring Boot way, as a
 * {@code JdbcConnectionDetails} bean:
 * <ol>
 * <li>from the environment: {@code COLLECTOR_TEST_POSTGRES_URL} (or {@code _MARIADB_}),
 * with optional {@code _USERNAME} and {@code _PASSWORD};</li>
 * <li>else a Testcontainers container, when Testcontainers is on the class path and a
 * Docker engine answers;</li>
 * <li>else the test class is skipped, saying which variable to set, except when the
 * {@code CI} variable is set: then it fails, so that CI never passes without it.</li>
 * </ol>
 * Combine with {@code @AutoConfigureTestDatabase(replace = Replace.NONE)} in a
 * {@link CollectorTest}. A test that declares its own {@code @ServiceConnection}
 * container does not need this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TestDatabaseCondition.class)
@Import(TestDatabaseConfiguration.class)
public @interface CollectorTestDatabase {

	/**
	 * The database.
	 * @return the platform
	 */
	TestDatabasePlatform value();

}
