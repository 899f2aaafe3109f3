package care.concord.server.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Errors for FHIR clients: when the request is to the FHIR base ({@code /fhir/...}) or
 * the client's {@code Accept} asks for {@code application/fhir+json}, a problem detail is
 * written as a FHIR R4 {@code OperationOutcome} instead (also by
 * {@link ProblemResponses#write} for errors of the security filters), one issue per field
 * error (with the field as {@code expression}) or one for the problem, with the status
 * mapped to an issue type. Other clients keep RFC 9457 problem details.
 *
 * @see <a href="https://hl7.org/fhir/R4/operationoutcome.html">FHIR R4
 * OperationOutcome</a>
 */
@RestControllerAdvice
public class OperationOutcomeAdvice implements ResponseBodyAdvice<Object> {

	/** The FHIR JSON media type. */
	public static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (!(body instanceof ProblemDetail problem) || !asksForFhir(request)) {
			return body;
		}
		response.getHeaders().setContentType(FHIR_JSON);
		return operationOutcome(problem);
	}

	/**
	 * True when the request is to Concord's FHIR base ({@code /fhir/...}) or the client's
	 * {@code Accept} names {@code application/fhir+json} itself (not by a wildcard).
	 * Spring MVC writes a problem detail only as {@code application/problem+json}, so the
	 * negotiated type cannot tell.
	 */
	static boolean asksForFhir(ServerHttpRequest request) {
		if (request instanceof ServletServerHttpRequest servlet) {
			return asksForFhir(servlet.getServletRequest());
		}
		return acceptsFhir(request.getHeaders().getAccept());
	}

	/**
	 * True when the request is to Concord's FHIR base ({@code /fhir/...}) or the client's
	 * {@code Accept} names {@code application/fhir+json} itself (not by a wildcard).
	 */
	public static boolean asksForFhir(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals(FhirResponses.BASE_PATH) || path.startsWith(FhirResponses.BASE_PATH + "/")) {
			return true;
		}
		List<MediaType> accept;
		try {
			accept = MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		return acceptsFhir(accept);
	}

	private static boolean acceptsFhir(List<MediaType> accept) {
		return accept.stream().anyMatch((type) -> type.equalsTypeAndSubtype(FHIR_JSON) && type.getQualityValue() > 0);
	}

	/** The OperationOutcome of a problem. */
	public static Map<String, Object> operationOutcome(ProblemDetail problem) {
		String code = issueType(problem.getStatus());
		List<Map<String, Object>> issues = new ArrayList<>();
		Object errors = (problem.getProperties() != null) ? problem.getProperties().get("errors") : null;
		if (errors instanceof List<?> fieldErrors) {
			for (Object entry : fieldErrors) {
				if (entry instanceof Map<?, ?> fieldError) {
					Map<String, Object> issue = issue(code, String.valueOf(fieldError.get("message")));
					if (fieldError.get("field") != null) {
						issue.put("expression", List.of(String.valueOf(fieldError.get("field"))));
					}
					issues.add(issue);
				}
			}
		}
		if (issues.isEmpty()) {
			issues.add(issue(code, (problem.getDetail() != null) ? problem.getDetail() : problem.getTitle()));
		}
		Map<String, Object> outcome = new LinkedHashMap<>();
		outcome.put("resourceType", "OperationOutcome");
		outcome.put("issue", issues);
		return outcome;
	}

	private static Map<String, Object> issue(String code, String diagnostics) {
		Map<String, Object> issue = new LinkedHashMap<>();
		issue.put("severity", "error");
		issue.put("code", code);
		if (diagnostics != null) {
			issue.put("diagnostics", diagnostics);
		}
		return issue;
	}

	/** The FHIR issue type (http://hl7.org/fhir/issue-type) of an HTTP status. */
	static String issueType(int status) {
		return switch (status) {
			case 400, 422 -> "invalid";
			case 401 -> "login";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 409, 412 -> "conflict";
			case 413 -> "too-costly";
			case 415, 406 -> "not-supported";
			case 429, 503 -> "transient";
			default -> "exception";
		};
	}

}
