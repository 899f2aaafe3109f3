package care.concord.server.people;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page of the authorization code flow: minimal, accessible HTML (labelled fields, one heading,
 * error announced with {@code role="alert"}), no scripts, no external resources.
 */
@Controller
public class LoginPageController {

	private final ObjectProvider<UpstreamSignInLinks> upstream;

	public LoginPageController(ObjectProvider<UpstreamSignInLinks> upstream) {
		this.upstream = upstream;
	}

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	public String login(HttpServletRequest request) {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		boolean error = request.getParameter("error") != null;
		boolean loggedOut = request.getParameter("logout") != null;
		StringBuilder html = new StringBuilder(1024);
		html.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>Sign in - Concord</title>\n")
			.append("<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;")
			.append("line-height:1.5}label{display:block;margin-top:1rem;font-weight:600}")
			.append("input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}")
			.append("button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}")
			.append(".alert{border-left:4px solid #d4351c;padding:.5rem 1rem}</style>\n</head>\n<body>\n<main>\n")
			.append("<h1>Sign in to Concord</h1>\n");
		if (error) {
			html.append("<p class=\"alert\" role=\"alert\">The username or password is not right, or the account ")
				.append("is disabled.</p>\n");
		}
		if (loggedOut) {
			html.append("<p role=\"status\">You have signed out.</p>\n");
		}
		html.append("<form method=\"post\" action=\"").append(HtmlUtils.htmlEscape(request.getContextPath()))
			.append("/login\">\n")
			.append("<label for=\"username\">Username</label>\n")
			.append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" required ")
			.append("autofocus>\n")
			.append("<label for=\"password\">Password</label>\n")
			.append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" ")
			.append("required>\n");
		if (csrf != null) {
			html.append("<input type=\"hidden\" name=\"").append(HtmlUtils.htmlEscape(csrf.getParameterName()))
				.append("\" value=\"").append(HtmlUtils.htmlEscape(csrf.getToken())).append("\">\n");
		}
		html.append("<button type=\"submit\">Sign in</button>\n</form>\n");
		appendUpstreamLinks(html, request.getContextPath());
		html.append("</main>\n</body>\n</html>\n");
		return html.toString();
	}

	/** The upstream identity providers' sign-in links (NHS login, CIS2), if any are configured. */
	private void appendUpstreamLinks(StringBuilder html, String contextPath) {
		UpstreamSignInLinks links = this.upstream.getIfAvailable();
		if (links == null || links.links().isEmpty()) {
			return;
		}
		html.append("<section aria-labelledby=\"upstream\">\n<h2 id=\"upstream\">Or sign in with</h2>\n<ul>\n");
		for (UpstreamSignInLinks.Link link : links.links()) {
			html.append("<li><a id=\"sign-in-").append(HtmlUtils.htmlEscape(link.id())).append("\" href=\"")
				.append(HtmlUtils.htmlEscape(contextPath + link.path())).append("\">")
				.append(HtmlUtils.htmlEscape(link.text())).append("</a></li>\n");
		}
		html.append("</ul>\n</section>\n");
	}

}
