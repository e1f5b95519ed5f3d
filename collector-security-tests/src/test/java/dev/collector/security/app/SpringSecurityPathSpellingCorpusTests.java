package dev.collector.security.app;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.TestPropertySource;

import dev.collector.security.corpus.AbstractPathSpellingCorpusTests;

/**
 * The spelling corpus with Spring Security: the collector's chain
 * (PathPatternRequestMatcher behind StrictHttpFirewall) in an application whose own chain
 * lets everything else through, so that nothing but the starter protects the collector's
 * endpoints and Actuator's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:secured-spelling-corpus;DB_CLOSE_DELAY=-1")
class SpringSecurityPathSpellingCorpusTests extends AbstractPathSpellingCorpusTests {

	/**
	 * The application's own chain: everything the collector's chain does not take is
	 * open.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class PermissiveApplicationChain {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

	}

}
