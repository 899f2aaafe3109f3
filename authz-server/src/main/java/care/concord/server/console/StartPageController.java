package care.concord.server.console;

import jakarta.servlet.http.HttpServletRequest;

import care.concord.server.people.BootstrapAdmin;
import care.concord.server.people.PeopleService;
import care.concord.server.web.HtmlPages;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import static care.concord.server.web.HtmlPages.escape;

/**
 * The start page at {@code /}: where to go next (the console, the discovery documents and
 * keys, the API documentation, health), and, while no administrator exists, how to create
 * the first one.
 */
@Controller
public class StartPageController {

	private final PeopleService people;

	public StartPageController(PeopleService people) {
		this.people = people;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	public String start(HttpServletRequest request) {
		String base = escape(request.getContextPath());
		StringBuilder html = new StringBuilder(2048);
		html.append("<h1>Concord</h1>\n<p class=\"lede\">Identity and consent authorization for health and social ")
			.append("care: agencies ask for tokens, citizens set who may see their records, and every decision is ")
			.append("audited.</p>\n");
		if (!this.people.hasEnabledAdmin()) {
			html.append(
					"<div class=\"alert warn\" id=\"first-start\">\n<h2>First start: no administrator yet</h2>\n<p>")
				.append(escape(BootstrapAdmin.HOW_TO_CREATE))
				.append("</p>\n<pre class=\"mono\">")
				.append(escape(BootstrapAdmin.COMMAND))
				.append("</pre>\n<p>Or try every flow with seeded demo data (public demo passwords, never in ")
				.append("production):</p>\n<pre class=\"mono\">")
				.append(escape(BootstrapAdmin.DEMO_COMMAND))
				.append("</pre>\n</div>\n");
		}
		html.append("<div class=\"card-grid\">\n")
			.append(card(base + "/console/", "Open the console",
					"Citizens manage consent, IG officers review access, administrators manage agencies and accounts."))
			.append(card(base + "/swagger-ui.html", "API documentation",
					"Every REST endpoint with its requests and problem details (OpenAPI)."))
			.append("</div>\n<h2>Discovery documents and keys</h2>\n<ul class=\"links\">\n")
			.append(link(base + "/.well-known/openid-configuration", "OpenID Connect discovery"))
			.append(link(base + "/.well-known/oauth-authorization-server", "OAuth 2.0 authorization server metadata"))
			.append(link(base + "/.well-known/uma2-configuration", "UMA 2.0 configuration"))
			.append(link(base + "/oauth2/jwks", "Published signing keys (JWK Set)"))
			.append(link(base + "/v3/api-docs", "OpenAPI document (JSON)"))
			.append(link(base + "/actuator/health", "Health"))
			.append("</ul>\n<p>The documentation is in the <code>docs</code> folder of the source repository, starting ")
			.append("with <code>README.md</code>.</p>\n");
		return HtmlPages.page(request.getContextPath(), "Start", html.toString());
	}

	private static String card(String href, String title, String text) {
		return "<div class=\"card\">\n<h2><a href=\"" + href + "\">" + escape(title) + "</a></h2>\n<p>" + escape(text)
				+ "</p>\n</div>\n";
	}

	private static String link(String href, String text) {
		return "<li><a href=\"" + href + "\">" + escape(text) + "</a></li>\n";
	}

}
