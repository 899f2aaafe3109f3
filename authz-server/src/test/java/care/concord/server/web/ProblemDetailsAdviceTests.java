package care.concord.server.web;

import care.concord.policy.request.InvalidRequestException;
import care.concord.server.domain.SharedStateUnavailableException;
import care.concord.server.domain.AlreadyExistsException;
import care.concord.server.domain.NotFoundException;
import care.concord.server.domain.NotPermittedException;
import care.concord.server.domain.StateConflictException;
import care.concord.server.domain.VersionMismatchException;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain's exceptions become catalogue problems here, and only here.
 */
class ProblemDetailsAdviceTests {

	private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x");

	@Test
	void handleNotFoundWhenDomainNotFoundThen404NotFound() {
		assertProblem(this.advice.handleNotFound(new NotFoundException("agency X1"), this.request), 404, "not-found",
				"agency X1 not found");
	}

	@Test
	void handleConflictWhenStateConflictThen409Conflict() {
		assertProblem(this.advice.handleConflict(new StateConflictException("revoked"), this.request), 409, "conflict",
				"revoked");
	}

	@Test
	void handleConflictWhenAlreadyExistsThen409AlreadyExists() {
		assertProblem(this.advice.handleConflict(new AlreadyExistsException("person p exists"), this.request), 409,
				"already-exists", "person p exists");
	}

	@Test
	void handleVersionMismatchThen412PreconditionFailed() {
		assertProblem(this.advice.handleVersionMismatch(new VersionMismatchException("version 3, not 2"), this.request),
				412, "precondition-failed", "version 3, not 2");
	}

	@Test
	void handleNotPermittedWhenDomainRefusesThen403Forbidden() {
		assertProblem(this.advice.handleNotPermitted(new NotPermittedException("not yours"), this.request), 403,
				"forbidden", "not yours");
	}

	@Test
	void handleInvalidRequestThen400NamingTheField() {
		ResponseEntity<ProblemDetail> response = this.advice
			.handleInvalidRequest(new InvalidRequestException("scopes", "unknown scope 'x'"), this.request);
		assertProblem(response, 400, "validation-failed", "scopes: unknown scope 'x'");
		assertThat(response.getBody().getProperties()).containsKey("errors");
	}

	@Test
	void jsonNameWhenFieldHasJsonPropertyThenRequestsOwnNameElseFieldName() {
		Body body = new Body("x", "y");
		assertThat(ProblemDetailsAdvice.jsonName(body, "clientName")).isEqualTo("client_name");
		assertThat(ProblemDetailsAdvice.jsonName(body, "clientName[0]")).isEqualTo("client_name[0]");
		assertThat(ProblemDetailsAdvice.jsonName(body, "scopes")).isEqualTo("scopes");
		assertThat(ProblemDetailsAdvice.jsonName(body, "unknown")).isEqualTo("unknown");
		assertThat(ProblemDetailsAdvice.jsonName(null, "clientName")).isEqualTo("clientName");
	}

	record Body(@JsonProperty("client_name") String clientName, String scopes) {
	}

	@Test
	void handleUnavailableWhenAnyDependencyUnavailableThen503RetryAfter() {
		ResponseEntity<ProblemDetail> response = this.advice
			.handleUnavailable(new SharedStateUnavailableException("redis down", null), this.request);
		assertProblem(response, 503, "unavailable", null);
		assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(response.getBody().getDetail()).doesNotContain("redis");
	}

	private static void assertProblem(ResponseEntity<ProblemDetail> response, int status, String code, String detail) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getBody().getProperties()).containsEntry("code", code);
		if (detail != null) {
			assertThat(response.getBody().getDetail()).isEqualTo(detail);
		}
	}

}
