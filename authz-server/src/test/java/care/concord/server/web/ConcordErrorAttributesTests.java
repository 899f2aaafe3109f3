package care.concord.server.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ConcordErrorAttributesTests {

	private final ConcordErrorAttributes attributes = new ConcordErrorAttributes();

	@Test
	void getErrorAttributesWhenOAuthEndpointThenOAuthErrorShape() {
		Map<String, Object> body = this.attributes.getErrorAttributes(request("/oauth2/token", 413, null),
				ErrorAttributeOptions.defaults());
		assertThat(body).containsOnlyKeys("error", "error_description").containsEntry("error", "invalid_request");
	}

	@Test
	void getErrorAttributesWhenApiThenProblemShapeWithoutInternals() {
		Map<String, Object> body = this.attributes.getErrorAttributes(
				request("/api/admin/agencies", 500, new IllegalStateException("secret internals")),
				ErrorAttributeOptions.defaults());
		assertThat(body).containsEntry("status", 500)
			.containsEntry("code", "internal-error")
			.containsEntry("instance", "/api/admin/agencies")
			.doesNotContainKeys("trace", "exception", "message");
		assertThat(body.toString()).doesNotContain("secret internals");
	}

	private static ServletWebRequest request(String uri, int status, Exception exception) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
		if (exception != null) {
			request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, exception);
		}
		return new ServletWebRequest(request);
	}

}
