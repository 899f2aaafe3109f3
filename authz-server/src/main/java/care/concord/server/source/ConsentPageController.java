package care.concord.server.source;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import care.concord.policy.request.Category;
import care.concord.server.oauth.PersonalSources;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The consent screen of the authorization code flow ({@code /oauth2/consent}, Spring
 * Authorization Server's consent page): it says in plain words what the client will be
 * able to do, then posts the decision back to the authorization endpoint with the
 * request's {@code state} (which the server checks, so a replayed or forged decision is
 * refused there). For a personal app it names the categories and says what the app cannot
 * do.
 */
@Controller
public class ConsentPageController {

	static final String PATH = "/oauth2/consent";

	private final RegisteredClientRepository clients;

	private final PersonalApps apps;

	public ConsentPageController(RegisteredClientRepository clients, PersonalApps apps) {
		this.clients = clients;
		this.apps = apps;
	}

	@GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String consent(@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(name = "scope", required = false) String scope,
			@RequestParam(name = "state", required = false) String state, Principal principal,
			HttpServletRequest request) {
		RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
		StringBuilder html = page("Allow access? - Concord");
		if (client == null || state == null) {
			html.append("<h1>This request cannot be completed</h1>\n<p>The app did not say who it is, or the request ")
				.append("has expired. Go back to the app and start again.</p>\n");
			return end(html);
		}
		Set<String> scopes = new LinkedHashSet<>(
				(scope != null) ? Arrays.asList(scope.trim().split("\\s+")) : List.of());
		scopes.removeIf(String::isBlank);
		Optional<PersonalApp> app = this.apps.app(clientId);
		String name = escape(client.getClientName());
		html.append("<h1>Allow ").append(name).append(" to connect to your Concord record?</h1>\n");
		if (app.isPresent()) {
			List<String> labels = new ArrayList<>();
			for (String requested : scopes) {
				if (requested.startsWith(PersonalSources.CATEGORY_SCOPE_PREFIX)) {
					labels.add(label(requested.substring(PersonalSources.CATEGORY_SCOPE_PREFIX.length())));
				}
			}
			html.append("<p>You are signed in as ")
				.append(escape(principal.getName()))
				.append(".</p>\n")
				.append("<h2>If you allow it, ")
				.append(name)
				.append(" can</h2>\n<ul>\n")
				.append("<li>tell Concord that it holds your ")
				.append(escape(labels.isEmpty() ? "data" : String.join(", ", labels)))
				.append(", so that people you choose can ask for it</li>\n</ul>\n")
				.append("<h2>It cannot</h2>\n<ul>\n")
				.append("<li>send your data to Concord: Concord only keeps a pointer saying where it is</li>\n")
				.append("<li>see or change your consent choices</li>\n")
				.append("<li>tell Concord about anyone else</li>\n</ul>\n")
				.append("<p>Nobody can read this data unless you allow them: it needs your explicit consent. ")
				.append("You can disconnect the app at any time in the console, under \"My apps and devices\".</p>\n");
		}
		else {
			html.append("<p>").append(name).append(" asks for:</p>\n<ul>\n");
			for (String requested : scopes) {
				html.append("<li>").append(escape(requested)).append("</li>\n");
			}
			html.append("</ul>\n");
		}
		html.append("<form method=\"post\" action=\"")
			.append(escape(request.getContextPath()))
			.append("/oauth2/authorize\">\n")
			.append(hidden("client_id", clientId))
			.append(hidden("state", state));
		for (String requested : scopes) {
			html.append(hidden("scope", requested));
		}
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		if (csrf != null) {
			html.append(hidden(csrf.getParameterName(), csrf.getToken()));
		}
		html.append("<button type=\"submit\" id=\"allow\">Allow</button>\n</form>\n")
			.append("<form method=\"post\" action=\"")
			.append(escape(request.getContextPath()))
			.append("/oauth2/authorize\">\n")
			.append(hidden("client_id", clientId))
			.append(hidden("state", state));
		if (csrf != null) {
			html.append(hidden(csrf.getParameterName(), csrf.getToken()));
		}
		html.append("<button type=\"submit\" id=\"deny\" class=\"secondary\">Do not allow</button>\n</form>\n");
		return end(html);
	}

	private static String label(String code) {
		try {
			return Category.fromCode(code).label();
		}
		catch (RuntimeException ex) {
			return code;
		}
	}

	private static StringBuilder page(String title) {
		return new StringBuilder(2048)
			.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
			.append(escape(title))
			.append("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;")
			.append("padding:0 1rem;line-height:1.5;color:#212b32}h1{font-size:1.6rem}h2{font-size:1.15rem}")
			.append("form{display:inline-block;margin:1.5rem 1rem 0 0}button{padding:.6rem 1.2rem;font-size:1rem;")
			.append("border:0;border-radius:4px;background:#007f3b;color:#fff;cursor:pointer}")
			.append("button.secondary{background:#4c6272}button:focus{outline:3px solid #ffeb3b;")
			.append("box-shadow:0 4px 0 #212b32}</style>\n</head>\n<body>\n<main>\n");
	}

	private static String end(StringBuilder html) {
		return html.append("</main>\n</body>\n</html>\n").toString();
	}

	private static String hidden(String name, String value) {
		return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">\n";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape((text != null) ? text : "");
	}

}
