package care.concord.server.cluster;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a request refused because shared state (Redis) is unavailable with HTTP 503, {@code Retry-After} and an
 * RFC 9457 problem: the request was refused as a whole (fail closed), nothing was half-done, and it may be retried.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SharedStateAdvice {

	@ExceptionHandler(SharedStateUnavailableException.class)
	ResponseEntity<ProblemDetail> sharedStateUnavailable(SharedStateUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + "; nothing was changed, retry later");
		problem.setTitle("Service temporarily unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
