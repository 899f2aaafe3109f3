package care.concord.server.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details from the {@link ErrorCatalogue}, and writes them
 * directly to a servlet response for errors raised outside Spring MVC (security filters).
 * The OAuth endpoints answer OAuth error JSON instead ({@link #isOAuthEndpoint},
 * {@link #writeOAuthError}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern
		.compile("Duplicate (?:Object property|field) \"([^\"]{1,200})\"");

	private ProblemResponses() {
	}

	/**
	 * True for the paths that answer OAuth error JSON rather than problem details (path
	 * without context path).
	 */
	public static boolean isOAuthEndpoint(String path) {
		return path.startsWith("/oauth2/") || path.startsWith("/connect/") || path.equals("/userinfo");
	}

	/**
	 * True when the request is to an OAuth endpoint (see
	 * {@link #isOAuthEndpoint(String)}).
	 */
	public static boolean isOAuthEndpoint(HttpServletRequest request) {
		return isOAuthEndpoint(request.getRequestURI().substring(request.getContextPath().length()));
	}

	/**
	 * Writes an OAuth error response (RFC 6749 section 5.2): {@code {"error",
	 * "error_description"}} as JSON, {@code Cache-Control: no-store}.
	 */
	public static void writeOAuthError(HttpServletResponse response, int status, String error, String description)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		byte[] bytes = JSON.writeValueAsBytes(body);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.getOutputStream().flush();
	}

	/**
	 * The JSON member a Jackson failure is about (its path, such as
	 * {@code permits[0].category}, or the name of a duplicated key), printable ASCII, at
	 * most 64 characters; null when none can be told.
	 */
	public static String jsonMember(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof JacksonException json) {
				java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(json.getOriginalMessage()));
				if (duplicate.find()) {
					return printable(duplicate.group(1));
				}
				if (json instanceof tools.jackson.core.exc.StreamReadException) {
					return null; // not JSON at all: the body, not a member, is wrong
				}
				StringBuilder path = new StringBuilder();
				for (JacksonException.Reference reference : json.getPath()) {
					if (reference.getPropertyName() != null) {
						path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
					}
					else if (reference.getIndex() >= 0) {
						path.append('[').append(reference.getIndex()).append(']');
					}
				}
				String name = printable(path.toString());
				if (name != null) {
					return name;
				}
			}
		}
		return null;
	}

	private static String printable(String name) {
		String clean = name.replaceAll("[^\\x20-\\x7E]", "?");
		return clean.isEmpty() ? null : (clean.length() > 64 ? clean.substring(0, 64) : clean);
	}

	/**
	 * A problem detail of that catalogue entry, with the {@code code} extension member.
	 */
	public static ProblemDetail problem(ErrorCatalogue entry, String detail, String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(entry.status(), detail);
		problem.setType(entry.type());
		problem.setTitle(entry.title());
		if (instance != null) {
			problem.setInstance(URI.create(instance));
		}
		problem.setProperty("code", entry.code());
		return problem;
	}

	/**
	 * Writes the problem as {@code application/problem+json}, or as a FHIR
	 * {@code OperationOutcome} ({@code application/fhir+json}) when the request is from a
	 * FHIR client ({@link OperationOutcomeAdvice#asksForFhir(HttpServletRequest)}).
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ErrorCatalogue entry,
			String detail) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", entry.type().toString());
		body.put("title", entry.title());
		body.put("status", entry.status().value());
		body.put("detail", detail);
		body.put("instance", request.getRequestURI());
		body.put("code", entry.code());
		response.setStatus(entry.status().value());
		Object written = body;
		// JSON is UTF-8 by definition (RFC 8259 section 8.1): no charset parameter.
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (OperationOutcomeAdvice.asksForFhir(request)) {
			// FHIR clients get an OperationOutcome, as from Spring MVC
			written = OperationOutcomeAdvice.operationOutcome(problem(entry, detail, request.getRequestURI()));
			response.setContentType(OperationOutcomeAdvice.FHIR_JSON.toString());
		}
		byte[] bytes = JSON.writeValueAsBytes(written);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.getOutputStream().flush();
	}

}
