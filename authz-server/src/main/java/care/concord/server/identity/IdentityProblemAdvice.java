package care.concord.server.identity;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import care.concord.server.web.ErrorCatalogue;
import care.concord.server.web.ProblemResponses;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Names the field of an unreadable identity request body (an object where a string
 * belongs, say) in the {@code validation-failed} problem; bodies that are not JSON at all
 * stay {@code malformed-request}. Everything else is left to the server-wide
 * {@link care.concord.server.web.ProblemDetailsAdvice}.
 */
@RestControllerAdvice(assignableTypes = { IdentityController.class, IdentityReviewController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IdentityProblemAdvice {

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		String field = field(ex);
		ProblemDetail problem;
		if (field != null) {
			String message = "value has the wrong type or form";
			problem = ProblemResponses.problem(ErrorCatalogue.VALIDATION_FAILED, field + ": " + message,
					request.getRequestURI());
			problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		}
		else {
			problem = ProblemResponses.problem(ErrorCatalogue.MALFORMED_REQUEST,
					"the request body is missing or is not a JSON object", request.getRequestURI());
		}
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	private static String field(Throwable ex) {
		return ProblemResponses.jsonMember(ex);
	}

}
