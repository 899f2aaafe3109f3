package care.concord.server.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Shapes the bodies of errors that reach the servlet container's error page (raised
 * before Spring MVC or security could answer, e.g. a chunked body over Tomcat's size
 * limit): OAuth error JSON on the OAuth endpoints, RFC 9457 members everywhere else, and
 * never internal details.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 section
 * 5.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">RFC 9457 section 3</a>
 */
public class ConcordErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
		Map<String, Object> defaults = super.getErrorAttributes(webRequest, ErrorAttributeOptions.defaults());
		int status = (defaults.get("status") instanceof Integer code) ? code : 500;
		Object path = webRequest.getAttribute("jakarta.servlet.error.request_uri", RequestAttributes.SCOPE_REQUEST);
		String uri = (path != null) ? path.toString() : String.valueOf(defaults.get("path"));
		Map<String, Object> body = new LinkedHashMap<>();
		if (ProblemResponses.isOAuthEndpoint(uri)) {
			body.put("error", (status >= 500) ? "server_error" : "invalid_request");
			body.put("error_description", String.valueOf(defaults.getOrDefault("error", "error")));
			return body;
		}
		ErrorCatalogue entry = ErrorCatalogue.forStatus(status);
		body.put("type", entry.type().toString());
		body.put("title", entry.title());
		body.put("status", status);
		body.put("detail", String.valueOf(defaults.getOrDefault("error", entry.title())));
		body.put("instance", uri);
		body.put("code", entry.code());
		return body;
	}

}
