package care.concord.server.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the admin console's single page: {@code /console} redirects to
 * {@code /console/}, and the console's client-side routes ({@code /console/callback},
 * {@code /console/me/...}, {@code /console/ig/...}, {@code /console/admin/...}) are
 * forwarded to {@code /console/index.html}, so a reload or a bookmarked page works. The
 * page and its scripts are static files of the {@code admin-console} jar
 * ({@code META-INF/resources/console}); the console talks to Concord only through its
 * public APIs.
 */
@Controller
public class ConsolePageController {

	static final String INDEX = "forward:/console/index.html";

	/**
	 * Without the trailing slash the page's relative URLs would resolve against the root.
	 */
	@GetMapping("/console")
	public String root() {
		return "redirect:/console/";
	}

	@GetMapping({ "/console/", "/console/callback", "/console/signed-out", "/console/me/**", "/console/ig/**",
			"/console/admin/**" })
	public String page() {
		return INDEX;
	}

}
