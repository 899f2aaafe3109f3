package care.concord.server.oauth;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The authorization endpoint's responses to the client:
 * <ul>
 * <li>RFC 9207: every redirect carrying a {@code code} or an {@code error} back to the
 * client also carries {@code iss} = Concord's issuer, so a client talking to several
 * servers can tell which one answered (mix-up defence; advertised as
 * {@code authorization_response_iss_parameter_supported}).</li>
 * <li>OpenID Connect Core section 3.1.2.1: {@code prompt=none} without a signed-in
 * session answers {@code error=login_required} to the client's (exactly registered)
 * redirect URI instead of showing the sign-in page. An unknown client or redirect URI is
 * left to the endpoint, which never redirects to it.</li>
 * </ul>
 */
public final class AuthorizationResponseFilter extends OncePerRequestFilter {

	private final String authorizationEndpoint;

	private final String issuer;

	private final RegisteredClientRepository clients;

	public AuthorizationResponseFilter(String authorizationEndpoint, String issuer,
			RegisteredClientRepository clients) {
		Assert.hasText(authorizationEndpoint, "authorizationEndpoint cannot be empty");
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.notNull(clients, "clients cannot be null");
		this.authorizationEndpoint = authorizationEndpoint;
		this.issuer = issuer;
		this.clients = clients;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().substring(request.getContextPath().length()).equals(this.authorizationEndpoint);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String prompt = request.getParameter("prompt");
		if (prompt != null && Arrays.asList(prompt.trim().split("\\s+")).contains("none") && !signedIn(request)) {
			String redirectUri = registeredRedirectUri(request);
			if (redirectUri != null) {
				UriComponentsBuilder error = UriComponentsBuilder.fromUriString(redirectUri)
					.queryParam("error", "login_required")
					.queryParam("error_description", "{description}");
				if (request.getParameter("state") != null) {
					error.queryParam("state", "{state}");
				}
				error.queryParam("iss", "{iss}");
				response.sendRedirect(error.encode()
					.buildAndExpand(java.util.Map.of("description", "no signed-in session (prompt=none)", "state",
							String.valueOf(request.getParameter("state")), "iss", this.issuer))
					.toUriString());
				return;
			}
		}
		chain.doFilter(request, new IssuerAddingResponse(response, this.issuer));
	}

	private static boolean signedIn(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Object context = (session != null)
				? session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) : null;
		return context instanceof SecurityContext security && security.getAuthentication() != null
				&& security.getAuthentication().isAuthenticated();
	}

	/**
	 * The request's redirect URI when its client is registered with exactly that URI,
	 * else null.
	 */
	private String registeredRedirectUri(HttpServletRequest request) {
		String clientId = request.getParameter("client_id");
		String redirectUri = request.getParameter("redirect_uri");
		if (clientId == null || redirectUri == null || clientId.length() > 200 || redirectUri.length() > 2000) {
			return null;
		}
		RegisteredClient client = this.clients.findByClientId(clientId);
		return (client != null && client.getRedirectUris().contains(redirectUri)) ? redirectUri : null;
	}

	/**
	 * Adds {@code iss} to a redirect that answers the client ({@code code} or
	 * {@code error} in its query).
	 */
	static String withIssuer(String location, String issuer) {
		if (location == null) {
			return null;
		}
		UriComponents uri;
		try {
			uri = UriComponentsBuilder.fromUriString(location).build();
		}
		catch (IllegalArgumentException ex) {
			return location;
		}
		var query = uri.getQueryParams();
		if ((!query.containsKey("code") && !query.containsKey("error")) || query.containsKey("iss")) {
			return location;
		}
		String encoded = UriComponentsBuilder.newInstance()
			.queryParam("iss", "{iss}")
			.encode()
			.buildAndExpand(issuer)
			.getQuery();
		int fragment = location.indexOf('#');
		String base = (fragment >= 0) ? location.substring(0, fragment) : location;
		String tail = (fragment >= 0) ? location.substring(fragment) : "";
		return base + ((uri.getQuery() != null) ? "&" : "?") + encoded + tail;
	}

	private static final class IssuerAddingResponse extends HttpServletResponseWrapper {

		private final String issuer;

		IssuerAddingResponse(HttpServletResponse response, String issuer) {
			super(response);
			this.issuer = issuer;
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			super.sendRedirect(withIssuer(location, this.issuer));
		}

		@Override
		public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
			super.sendRedirect(withIssuer(location, this.issuer), sc, clearBuffer);
		}

		@Override
		public void setHeader(String name, String value) {
			super.setHeader(name, HttpHeaders.LOCATION.equalsIgnoreCase(name) ? withIssuer(value, this.issuer) : value);
		}

	}

}
