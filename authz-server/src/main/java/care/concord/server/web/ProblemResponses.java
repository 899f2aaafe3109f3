package care.concord.server.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details from the {@link ErrorCatalogue}, and writes them directly to a servlet
 * response for errors raised outside Spring MVC (security filters).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	/** A problem detail of that catalogue entry, with the {@code code} extension member. */
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

	/** Writes the problem as {@code application/problem+json}. */
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
		// JSON is UTF-8 by definition (RFC 8259 section 8.1): no charset parameter.
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		byte[] bytes = JSON.writeValueAsBytes(body);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.getOutputStream().flush();
	}

}
