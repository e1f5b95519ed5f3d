package dev.collector.web;



import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /metrics}: the same scrape as {@code /actuator/prometheus}, at the path
 * exporters have always used. OpenMetrics when the scraper asks for it.
 */
@RestController
public class PrometheusMetricsController {

	private final PrometheusScrapeEndpoint scrapeEndpoint;

	public PrometheusMetricsController(PrometheusScrapeEndpoint scrapeEndpoint) {
		this.scrapeEndpoint = scrapeEndpoint;
	}

	@GetMapping("/metrics")
	public ResponseEntity<byte[]> metrics(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		PrometheusOutputFormat format = (accept != null && accept.contains("application/openmetrics-text"))
				? PrometheusOutputFormat.CONTENT_TYPE_OPENMETRICS_100 : PrometheusOutputFormat.CONTENT_TYPE_004;
		WebEndpointResponse<byte[]> scrape = this.scrapeEndpoint.scrape(format, null);
		return ResponseEntity.status(scrape.getStatus())
			.contentType(MediaType.parseMediaType(format.getProducedMimeType().toString()))
			.body(scrape.getBody());
	}


}
