package care.concord.examples.app;

import java.util.List;
import java.util.Map;

import care.concord.agency.ConcordUnavailableException;
import care.concord.agency.NeedInfoException;
import care.concord.agency.RequestDeniedException;
import care.concord.agency.UmaAccessException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * What the practitioner sees when the record is not released: Concord's reason (RFC 9457
 * problem details).
 */
@RestControllerAdvice
class RefusalHandler {

	@ExceptionHandler
	ProblemDetail denied(RequestDeniedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		problem.setTitle("Access refused by the citizen's consent or information-governance rules");
		problem.setProperty("reasons",
				ex.reasons()
					.stream()
					.map((reason) -> Map.of("resource_id", reason.resourceId(), "reason", reason.reason()))
					.toList());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail needInfo(NeedInfoException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		problem.setTitle("More information is needed");
		problem.setProperty("required_claims", ex.requiredClaims());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail refused(UmaAccessException ex) {
		// invalid_request: Concord did not accept the purpose or role the practitioner
		// gave
		HttpStatus status = "invalid_request".equals(ex.error()) ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setProperty("reasons", List.of());
		return problem;
	}

	/**
	 * A practitioner header the kit cannot put in a claim token (e.g. a role outside
	 * [a-z-]{1,40}).
	 */
	@ExceptionHandler
	ProblemDetail invalid(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unavailable(ConcordUnavailableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"the authorization service cannot be reached; no record can be read now");
	}

	@ExceptionHandler
	ProblemDetail upstream(RestClientResponseException ex) {
		HttpStatus status = (ex.getStatusCode().value() == 503) ? HttpStatus.SERVICE_UNAVAILABLE
				: HttpStatus.BAD_GATEWAY;
		return ProblemDetail.forStatusAndDetail(status, "the hospital's server answered " + ex.getStatusCode().value());
	}

	@ExceptionHandler
	ProblemDetail unreachable(RestClientException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "the hospital's server cannot be reached");
	}

}
