package care.concord.server.federation;

import java.util.List;
import java.util.Map;

import care.concord.server.people.UpstreamSignInLinks;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages of upstream sign-in, plain accessible HTML like the login page: a refusal
 * (its sentence from the {@link SignInRefusal} catalogue, never text from the provider),
 * the limited sign-in of a citizen below P9, a provider that cannot be reached, and
 * Concord's client-assertion public keys ({@code /federation/jwks}) for the providers to
 * verify {@code private_key_jwt}.
 */
@RestController
public class FederationPageController {

	private final UpstreamProviders providers;

	public FederationPageController(UpstreamProviders providers) {
		this.providers = providers;
	}

	/** The sign-in links of the login page, one per configured provider. */
	public static UpstreamSignInLinks links(UpstreamProviders providers) {
		List<UpstreamSignInLinks.Link> links = providers.providers()
			.entrySet()
			.stream()
			.map((entry) -> new UpstreamSignInLinks.Link(entry.getKey(), entry.getValue().displayName(),
					FederatedLogin.AUTHORIZATION_BASE + "/" + entry.getKey()))
			.toList();
		return () -> links;
	}

	@GetMapping(path = FederatedSignInHandlers.REFUSED_PAGE, produces = MediaType.TEXT_HTML_VALUE)
	public ResponseEntity<String> refused(@RequestParam(name = "reason", required = false) String reason,
			HttpServletRequest request) {
		SignInRefusal refusal = SignInRefusal.fromCode(reason).orElse(SignInRefusal.PROVIDER_ERROR);
		HttpStatus status = (refusal == SignInRefusal.PROVIDER_UNAVAILABLE) ? HttpStatus.SERVICE_UNAVAILABLE
				: HttpStatus.FORBIDDEN;
		return page(status, "You have not been signed in", "<p class=\"alert\" role=\"alert\" data-reason=\""
				+ refusal.code() + "\">" + HtmlUtils.htmlEscape(refusal.message()) + "</p>\n", request);
	}

	@GetMapping(path = FederatedSignInHandlers.LIMITED_PAGE, produces = MediaType.TEXT_HTML_VALUE)
	public ResponseEntity<String> limited(HttpServletRequest request) {
		return page(HttpStatus.OK, "You are signed in with NHS login",
				"<p class=\"alert\" role=\"alert\" data-reason=\"proofing-level-too-low\">NHS login has not yet fully "
						+ "checked your identity (it is not at the high level, P9), so you cannot see or change your "
						+ "consent choices here. To do that, finish proving who you are in the NHS App or on the NHS "
						+ "login website, then sign in again.</p>\n",
				request);
	}

	/**
	 * Where a sign-in link leads when its provider's discovery failed (an unknown
	 * provider, or one that cannot be reached): the sign-in filter handles the link
	 * itself whenever the provider is known and reachable.
	 */
	@GetMapping(path = FederatedLogin.AUTHORIZATION_BASE + "/{id}", produces = MediaType.TEXT_HTML_VALUE)
	public ResponseEntity<String> unavailable(@PathVariable String id, HttpServletRequest request) {
		if (this.providers.provider(id) == null) {
			return page(HttpStatus.NOT_FOUND, "Unknown sign-in option",
					"<p class=\"alert\" role=\"alert\">There is no such way to sign in.</p>\n", request);
		}
		return refused(SignInRefusal.PROVIDER_UNAVAILABLE.code(), request);
	}

	@GetMapping(path = "/federation/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> jwks() {
		return this.providers.publicKeys().toJSONObject(true);
	}

	private static ResponseEntity<String> page(HttpStatus status, String heading, String body,
			HttpServletRequest request) {
		String context = HtmlUtils.htmlEscape(request.getContextPath());
		String html = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
				+ HtmlUtils.htmlEscape(heading) + " - Concord</title>\n"
				+ "<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;"
				+ "line-height:1.5}.alert{border-left:4px solid #d4351c;padding:.5rem 1rem}</style>\n</head>\n<body>\n"
				+ "<main>\n<h1>" + HtmlUtils.htmlEscape(heading) + "</h1>\n" + body + "<p><a href=\"" + context
				+ "/login\">Back to sign in</a></p>\n</main>\n</body>\n</html>\n";
		return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
	}

}
