package dev.collector.security.app;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static dev.collector.security.app.SecuredEndpoints.basic;
import static dev.collector.security.app.SecuredEndpoints.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that puts the collector's endpoints under its own authentication by
 * declaring a chain named {@code collectorSecurityFilterChain}: Spring Security then
 * decides alone, the starter's token check steps aside, and the body limit still holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:secured-replaced;DB_CLOSE_DELAY=-1",
				"collector.schedule.enabled=false", "collector.security.api-token=" + SecuredEndpoints.TOKEN,
				"collector.security.max-body-size=16B" })
class ReplacedCollectorChainTests {

	@LocalServerPort
	int port;

	@Autowired
	SecurityFilterChain collectorSecurityFilterChain;

	@Test
	void theApplicationsOwnAuthenticationDecides() throws Exception {
		SecuredEndpoints http = new SecuredEndpoints(this.port);
		assertThat(http.post("/collect?wait=true", bearer(SecuredEndpoints.TOKEN)).statusCode()).isEqualTo(401);
		assertThat(http.post("/collect?wait=true", basic("operator", "operator-password")).statusCode()).isEqualTo(200);
		assertThat(http
			.post("/collect?wait=true", basic("operator", "operator-password"),
					"{\"padding\": \"" + "x".repeat(64) + "\"}")
			.statusCode()).isEqualTo(413);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		@Order(1)
		SecurityFilterChain collectorSecurityFilterChain(HttpSecurity http) throws Exception {
			return http.securityMatcher("/collect/**", "/collect")
				.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPERATOR"))
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		UserDetailsService operators() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}operator-password").roles("OPERATOR").build());
		}

	}

}
