package dev.collector.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;

import dev.collector.metrics.ScrapeDuration;

/**
 * {@code GET /metrics}: the same scrape as {@code /actuator/prometheus}, at the path
 * exporters have always used. OpenMetrics when the scraper asks for it. The time each
 * scrape takes is exported as {@code collector_scrape_duration_seconds} (see
 * {@link ScrapeDuration}).
 */
@RestController
public class PrometheusMetricsController {

	private final ObjectProvider<PrometheusScrapeEndpoint> scrapeEndpoint;

	private final ObjectProvider<ScrapeDuration> scrapeDuration;

	public PrometheusMetricsController(ObjectProvider<PrometheusScrapeEndpoint> scrapeEndpoint,
			ObjectProvider<ScrapeDuration> scrapeDuration) {
		this.scrapeEndpoint = scrapeEndpoint;
		this.scrapeDuration = scrapeDuration;
	}

	@GetMapping("/metrics")
	public ResponseEntity<byte[]> metrics(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		PrometheusOutputFormat format = (accept != null && accept.contains("application/openmetrics-text"))
				? PrometheusOutputFormat.CONTENT_TYPE_OPENMETRICS_100 : PrometheusOutputFormat.CONTENT_TYPE_004;
		PrometheusScrapeEndpoint endpoint = this.scrapeEndpoint.getIfAvailable();
		if (endpoint == null) {
			throw new ErrorResponseException(HttpStatus.NOT_FOUND,
					ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
							"The Prometheus endpoint is not available: expose it with "
									+ "management.endpoints.web.exposure.include=prometheus"),
					null);
		}
		long started = System.nanoTime();
		WebEndpointResponse<byte[]> scrape = endpoint.scrape(format, null);
		this.scrapeDuration.ifAvailable((duration) -> duration.record(System.nanoTime() - started));
		return ResponseEntity.status(scrape.getStatus())
			.contentType(MediaType.parseMediaType(format.getProducedMimeType().toString()))
			.body(scrape.getBody());
	}

}
