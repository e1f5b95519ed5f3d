package dev.collector.security.corpus;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mutating endpoint under {@code collector.security.protected-paths}, with a body it
 * would accept: a spelling that reached it would succeed, so a refusal is seen as one.
 * {@link #ALL} is the one list of them; a new endpoint joins the corpus by being listed
 * there, and {@code AbstractPathSpellingCorpusTests} fails while an endpoint of the
 * running application is missing from it.
 *
 * @param method the method it is mapped to
 * @param server the server that serves it
 * @param segments its path's segments, a variable's value as {@code ={name}}
 * @param body a body it accepts
 * @param successes what it answers with the token
 */
public record ProtectedEndpoint(String method, Server server, List<String> segments, String body,
		Set<Integer> successes) {

	/** The logger whose level {@code POST /actuator/loggers/{name}} would set. */
	public static final String LOGGER = "dev.collector.corpus";

	private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

	private static final String BACKFILL = "{\"start_date\": \"" + YESTERDAY.minusDays(1) + "\", \"end_date\": \""
			+ YESTERDAY + "\"}";

	/**
	 * Every protected mutating endpoint, as the corpus tries them: today's, then each
	 * collector's under {@code /collectors/{name}} (its name the variable {@code name}).
	 */
	public static final List<ProtectedEndpoint> ALL = List.of(
			new ProtectedEndpoint("POST", Server.APPLICATION, List.of("collect"), "", Set.of(202)),
			new ProtectedEndpoint("POST", Server.APPLICATION, List.of("backfill"), BACKFILL, Set.of(202)),
			new ProtectedEndpoint("DELETE", Server.APPLICATION, List.of("backfill", "={taskId}"), "", Set.of(200)),
			new ProtectedEndpoint("POST", Server.APPLICATION, List.of("collectors", "={name}", "collect"), "",
					Set.of(202)),
			new ProtectedEndpoint("POST", Server.APPLICATION, List.of("collectors", "={name}", "backfill"), BACKFILL,
					Set.of(202)),
			new ProtectedEndpoint("DELETE", Server.APPLICATION,
					List.of("collectors", "={name}", "backfill", "={otherTaskId}"), "", Set.of(200)),
			new ProtectedEndpoint("POST", Server.APPLICATION, List.of("collectors", "={name}", "validate-data"), "[]",
					Set.of(200)),
			new ProtectedEndpoint("POST", Server.APPLICATION, List.of("collectors", "={name}", "alert"),
					"{\"severity\": \"info\", \"message\": \"from the spelling corpus\"}", Set.of(200)),
			new ProtectedEndpoint("POST", Server.APPLICATION, List.of("alert"),
					"{\"severity\": \"info\", \"message\": \"from the spelling corpus\"}", Set.of(200)),
			new ProtectedEndpoint("POST", Server.APPLICATION, List.of("validate-data"), "[]", Set.of(200)),
			new ProtectedEndpoint("POST", Server.MANAGEMENT, List.of("actuator", "refresh"), "", Set.of(200)),
			new ProtectedEndpoint("POST", Server.MANAGEMENT, List.of("actuator", "loggers", "=" + LOGGER),
					"{\"configuredLevel\": \"TRACE\"}", Set.of(204)),
			new ProtectedEndpoint("POST", Server.MANAGEMENT, List.of("actuator", "circuitbreakers", "={breaker}"),
					"{\"updateState\": \"FORCE_OPEN\"}", Set.of(200)));

	/**
	 * The segments with the variables' values.
	 * @param variables the values by name
	 * @return the segments, values still marked by {@code =}
	 */
	public List<String> segments(Map<String, String> variables) {
		return this.segments.stream().map((segment) -> {
			if (segment.startsWith("={")) {
				String name = segment.substring(2, segment.length() - 1);
				String value = variables.get(name);
				if (value == null) {
					throw new IllegalStateException("The set-up gives no value for {" + name + "}");
				}
				return "=" + value;
			}
			return segment;
		}).toList();
	}

	/**
	 * The canonical path.
	 * @param variables the values by name
	 * @return the path
	 */
	public String path(Map<String, String> variables) {
		return "/" + String.join("/",
				segments(variables).stream().map((s) -> s.startsWith("=") ? s.substring(1) : s).toList());
	}

	/**
	 * The path pattern as the application maps it, e.g. {@code /backfill/{taskId}}.
	 * @return the pattern
	 */
	public String pattern() {
		return "/" + String.join("/",
				this.segments.stream()
					.map((s) -> s.startsWith("={") ? s.substring(1) : s.startsWith("=") ? "{name}" : s)
					.toList());
	}

	@Override
	public String toString() {
		return this.method + " " + pattern();
	}

	/**
	 * Which server serves an endpoint: Actuator's may run on a management port of their
	 * own.
	 */
	public enum Server {

		/** The application's server. */
		APPLICATION,

		/** Actuator's server: the application's unless management.server.port is set. */
		MANAGEMENT

	}

}
