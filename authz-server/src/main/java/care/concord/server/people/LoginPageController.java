package care.concord.server.people;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import care.concord.server.web.HtmlPages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import static care.concord.server.web.HtmlPages.escape;

/**
 * The sign-in page of the authorization code flow, in the console's design
 * ({@link HtmlPages}): labelled fields, one heading, on a failed attempt an error summary
 * at the top linking to the field and the message at the field (GOV.UK / NHS pattern),
 * the username kept; no scripts.
 *
 * <p>
 * Other ways to sign in (upstream identity providers such as NHS login and CIS2) come
 * from the {@link UpstreamSignInLinks} bean of the federation feature: each becomes a
 * link below the form ({@code id="sign-in-<registration id>"}); see {@link #form}.
 */
@Controller
public class LoginPageController {

	/** Session attribute holding the username of the last failed attempt, shown once. */
	static final String LAST_USERNAME = LoginPageController.class.getName() + ".username";

	private static final int MAX_USERNAME = 100;

	private final ObjectProvider<UpstreamSignInLinks> upstream;

	public LoginPageController(ObjectProvider<UpstreamSignInLinks> upstream) {
		this.upstream = upstream;
	}

	/**
	 * Remembers the username of a failed attempt (for the page to show it again), then
	 * redirects to {@code /login?error} as Spring Security's default does.
	 */
	public static AuthenticationFailureHandler failureHandler() {
		SimpleUrlAuthenticationFailureHandler redirect = new SimpleUrlAuthenticationFailureHandler("/login?error");
		return new AuthenticationFailureHandler() {

			@Override
			public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
					AuthenticationException exception) throws IOException, ServletException {
				String username = request.getParameter("username");
				if (username != null && !username.isBlank() && username.length() <= MAX_USERNAME) {
					request.getSession().setAttribute(LAST_USERNAME, username.strip());
				}
				redirect.onAuthenticationFailure(request, response, exception);
			}

		};
	}

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	public String login(HttpServletRequest request) {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		boolean error = request.getParameter("error") != null;
		boolean loggedOut = request.getParameter("logout") != null;
		String username = "";
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(LAST_USERNAME) instanceof String last) {
			session.removeAttribute(LAST_USERNAME);
			username = error ? last : "";
		}
		return HtmlPages.page(request.getContextPath(), error ? "Error: Sign in" : "Sign in",
				form(request.getContextPath(), csrf, error, loggedOut, username, upstreamLinks()));
	}

	/** The page's content: messages, the password form and the other ways to sign in. */
	static String form(String contextPath, CsrfToken csrf, boolean error, boolean loggedOut, String username,
			List<UpstreamSignInLinks.Link> others) {
		String message = "The username or password is not right, or the account is disabled";
		StringBuilder html = new StringBuilder(2048);
		html.append("<div class=\"narrow\">\n");
		if (error) {
			html.append("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" ")
				.append("tabindex=\"-1\">\n<h2 id=\"error-summary-title\">There is a problem</h2>\n<ul>\n")
				.append("<li><a href=\"#password\">")
				.append(message)
				.append("</a></li>\n</ul>\n</div>\n");
		}
		html.append("<h1>Sign in to Concord</h1>\n");
		if (loggedOut) {
			html.append("<div class=\"alert success\" role=\"status\"><p>You have signed out.</p></div>\n");
		}
		html.append("<form class=\"panel\" method=\"post\" novalidate action=\"")
			.append(escape(contextPath))
			.append("/login\">\n<div class=\"field\">\n<label for=\"username\">Username</label>\n")
			.append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" ")
			.append("spellcheck=\"false\" autocapitalize=\"none\" value=\"")
			.append(escape(username))
			.append("\"")
			.append(username.isEmpty() ? " autofocus" : "")
			.append(">\n</div>\n<div class=\"field")
			.append(error ? " field-error" : "")
			.append("\">\n<label for=\"password\">Password</label>\n");
		if (error) {
			html.append(
					"<p class=\"error-message\" id=\"password-error\"><span class=\"visually-hidden\">Error: </span>")
				.append(message)
				.append("</p>\n");
		}
		html.append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"")
			.append(error ? " aria-invalid=\"true\" aria-describedby=\"password-error\"" : "")
			.append(username.isEmpty() ? "" : " autofocus")
			.append(">\n</div>\n");
		if (csrf != null) {
			html.append("<input type=\"hidden\" name=\"")
				.append(escape(csrf.getParameterName()))
				.append("\" value=\"")
				.append(escape(csrf.getToken()))
				.append("\">\n");
		}
		html.append("<button type=\"submit\">Sign in</button>\n</form>\n");
		if (!others.isEmpty()) {
			html.append("<h2>Other ways to sign in</h2>\n<ul class=\"sign-in-options\">\n");
			for (UpstreamSignInLinks.Link link : others) {
				html.append("<li><a class=\"button secondary\" id=\"sign-in-")
					.append(escape(link.id()))
					.append("\" href=\"")
					.append(escape(contextPath + link.path()))
					.append("\">")
					.append(escape(link.text()))
					.append("</a></li>\n");
			}
			html.append("</ul>\n");
		}
		html.append("<p class=\"hint\">Forgotten your password? Ask your organisation's Concord administrator to ")
			.append("reset it.</p>\n</div>\n");
		return html.toString();
	}

	/**
	 * The upstream identity providers' sign-in links (NHS login, CIS2), if any are
	 * configured.
	 */
	private List<UpstreamSignInLinks.Link> upstreamLinks() {
		UpstreamSignInLinks links = this.upstream.getIfAvailable();
		return (links != null) ? links.links() : List.of();
	}

}
