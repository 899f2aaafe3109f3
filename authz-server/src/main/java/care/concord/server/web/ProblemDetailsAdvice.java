package care.concord.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.InvalidRequestException;
import com.fasterxml.jackson.annotation.JsonProperty;
import care.concord.server.domain.AlreadyExistsException;
import care.concord.server.domain.DependencyUnavailableException;
import care.concord.server.domain.InvalidResourceException;
import care.concord.server.domain.NotFoundException;
import care.concord.server.domain.NotPermittedException;
import care.concord.server.domain.StateConflictException;
import care.concord.server.domain.VersionMismatchException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one translation of exceptions into RFC 9457 problem details
 * ({@code application/problem+json}) for every Concord API controller: catalogue
 * problems, validation failures (with an {@code errors} list of {@code field} /
 * {@code message}), malformed JSON, the framework's own errors (404, 405, 415, ...), and
 * a generic 500 that never leaks internals.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemDetailsAdvice.class);

	/**
	 * The name the request body gives a bound field: its {@code @JsonProperty} name when
	 * it has one ({@code client_name} for {@code clientName}), else the field's own.
	 */
	static String jsonName(Object target, String field) {
		if (target == null) {
			return field;
		}
		int end = field.length();
		for (int i = 0; i < field.length(); i++) {
			if (field.charAt(i) == '.' || field.charAt(i) == '[') {
				end = i;
				break;
			}
		}
		try {
			JsonProperty property = target.getClass()
				.getDeclaredField(field.substring(0, end))
				.getAnnotation(JsonProperty.class);
			return (property != null && !property.value().isEmpty()) ? property.value() + field.substring(end) : field;
		}
		catch (NoSuchFieldException ex) {
			return field;
		}
	}

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> handleProblem(ProblemException ex, HttpServletRequest request) {
		ProblemDetail problem = ProblemResponses.problem(ex.getProblem(), ex.getMessage(), request.getRequestURI());
		ex.getProperties().forEach(problem::setProperty);
		return ResponseEntity.status(ex.getProblem().status()).body(problem);
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<ProblemDetail> handleInvalidRequest(InvalidRequestException ex, HttpServletRequest request) {
		return handleProblem(ProblemException.invalid(ex.field(), ex.problem()), request);
	}

	@ExceptionHandler(InvalidResourceException.class)
	ResponseEntity<ProblemDetail> handleInvalidResource(InvalidResourceException ex, HttpServletRequest request) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (InvalidResourceException.Issue issue : ex.issues()) {
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("field", issue.location());
			error.put("message", issue.message());
			errors.add(error);
		}
		return handleProblem(
				new ProblemException(ErrorCatalogue.INVALID_RESOURCE, ex.getMessage(), Map.of("errors", errors)),
				request);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> handleNotFound(NotFoundException ex, HttpServletRequest request) {
		return handleProblem(new ProblemException(ErrorCatalogue.NOT_FOUND, ex.getMessage()), request);
	}

	@ExceptionHandler(StateConflictException.class)
	ResponseEntity<ProblemDetail> handleConflict(StateConflictException ex, HttpServletRequest request) {
		ErrorCatalogue entry = (ex instanceof AlreadyExistsException) ? ErrorCatalogue.ALREADY_EXISTS
				: ErrorCatalogue.CONFLICT;
		return handleProblem(new ProblemException(entry, ex.getMessage()), request);
	}

	/**
	 * A conditional change ({@code If-Match}) whose version is no longer the current one:
	 * 412, nothing written.
	 */
	@ExceptionHandler(VersionMismatchException.class)
	ResponseEntity<ProblemDetail> handleVersionMismatch(VersionMismatchException ex, HttpServletRequest request) {
		return handleProblem(new ProblemException(ErrorCatalogue.PRECONDITION_FAILED, ex.getMessage()), request);
	}

	@ExceptionHandler(NotPermittedException.class)
	ResponseEntity<ProblemDetail> handleNotPermitted(NotPermittedException ex, HttpServletRequest request) {
		return handleProblem(new ProblemException(ErrorCatalogue.FORBIDDEN, ex.getMessage()), request);
	}

	@ExceptionHandler(NhsNumber.InvalidNhsNumberException.class)
	ResponseEntity<ProblemDetail> handleNhsNumber(NhsNumber.InvalidNhsNumberException ex, HttpServletRequest request) {
		return handleProblem(ProblemException.invalid("nhs_number", ex.getMessage()), request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return handleProblem(new ProblemException(ErrorCatalogue.FORBIDDEN, "insufficient role or scope"), request);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> handleAuthentication(AuthenticationException ex, HttpServletRequest request) {
		return handleProblem(new ProblemException(ErrorCatalogue.UNAUTHENTICATED, "a valid bearer token is required"),
				request);
	}

	/**
	 * The audit log, shared state or the database could not be reached in time (for
	 * example every connection busy): the request was refused as a whole, fail closed,
	 * and may be retried.
	 */
	@ExceptionHandler({ DependencyUnavailableException.class, TransientDataAccessException.class,
			DataAccessResourceFailureException.class })
	ResponseEntity<ProblemDetail> handleUnavailable(Exception ex, HttpServletRequest request) {
		log.warn("Refused " + request.getMethod() + " " + request.getRequestURI() + ": " + ex.getMessage());
		ResponseEntity<ProblemDetail> response = handleProblem(new ProblemException(ErrorCatalogue.UNAVAILABLE,
				"the request could not be recorded or stored just now and was refused; retry later"), request);
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(response.getBody());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected error on " + request.getMethod() + " " + request.getRequestURI(), ex);
		return handleProblem(new ProblemException(ErrorCatalogue.INTERNAL_ERROR, "an unexpected error occurred"),
				request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, Object>> errors = new ArrayList<>();
		Object target = ex.getBindingResult().getTarget();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.add(Map.of("field", jsonName(target, error.getField()), "message",
					String.valueOf(error.getDefaultMessage()))));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors
				.add(Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
		ProblemDetail problem = ProblemResponses.problem(ErrorCatalogue.VALIDATION_FAILED,
				"the request has " + errors.size() + " invalid field(s)", path(request));
		problem.setProperty("errors", errors);
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemResponses.problem(ErrorCatalogue.VALIDATION_FAILED,
				"the request parameters are not valid", path(request));
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String member = ProblemResponses.jsonMember(ex);
		if (member != null) {
			String message = jsonProblem(ex);
			ProblemDetail problem = ProblemResponses.problem(ErrorCatalogue.VALIDATION_FAILED, member + ": " + message,
					path(request));
			problem.setProperty("errors", List.of(Map.of("field", member, "message", message)));
			return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
		}
		ProblemDetail problem = ProblemResponses.problem(ErrorCatalogue.MALFORMED_REQUEST,
				"the request body is missing or is not valid JSON of the expected shape", path(request));
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ErrorCatalogue entry = ErrorCatalogue.forStatus(statusCode.value());
		String detail = (body instanceof ProblemDetail framework && framework.getDetail() != null)
				? framework.getDetail() : entry.title();
		ProblemDetail problem = ProblemResponses.problem(entry, detail, path(request));
		if (statusCode.value() != entry.status().value()) {
			problem.setStatus(statusCode.value());
		}
		return ResponseEntity.status(statusCode).headers(headers).body(problem);
	}

	/** What is wrong with the member, in plain words (never the parser's message). */
	private static String jsonProblem(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) {
				return "unknown member";
			}
			if (t instanceof tools.jackson.core.JacksonException json
					&& String.valueOf(json.getOriginalMessage()).startsWith("Duplicate")) {
				return "member given more than once";
			}
		}
		return "value has the wrong type or form";
	}

	private static String path(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI() : null;
	}

}
