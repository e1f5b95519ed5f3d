package dev.collector.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The status page at {@code /collector}: static files served from
 * {@code META-INF/resources/collector/}. The page's links are relative, so it works under
 * any context path; {@code /collector} redirects to {@code /collector/}.
 */
@Controller
public class StatusPageController {

	@GetMapping("/collector")
	public String redirect() {
		return "redirect:/collector/";
	}

	@GetMapping("/collector/")
	public String page() {
		return "forward:/collector/index.html";
	}

}
