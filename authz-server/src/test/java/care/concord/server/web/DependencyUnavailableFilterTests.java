package care.concord.server.web;

import java.sql.SQLTransientConnectionException;

import care.concord.server.audit.AuditLogException;
import care.concord.server.domain.SharedStateUnavailableException;
import care.concord.server.decision.DecisionNotAuditedException;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DependencyUnavailableFilterTests {

	private final DependencyUnavailableFilter filter = new DependencyUnavailableFilter();

	@Test
	void apiRequestWhoseBearerCheckCannotReachTheDatabaseGets503Problem() throws Exception {
		MockHttpServletResponse response = run("/access/v1/evaluation", new CannotGetJdbcConnectionException(
				"Failed to obtain JDBC Connection", new SQLTransientConnectionException("pool exhausted")));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentAsString()).contains("\"code\":\"unavailable\"").doesNotContain("pool exhausted");
	}

	@Test
	void oauthEndpointGetsOAuthErrorJson() throws Exception {
		MockHttpServletResponse response = run("/oauth2/introspect",
				new IllegalStateException("wrapped", new AuditLogException("down")));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getContentAsString()).contains("\"error\":\"temporarily_unavailable\"");
		assertThat(run("/userinfo", new AuditLogException("down")).getContentAsString())
			.contains("\"error\":\"temporarily_unavailable\"");
	}

	@Test
	void everyDependencyUnavailableExceptionGets503() throws Exception {
		assertThat(run("/api/x", new SharedStateUnavailableException("redis down", null)).getStatus()).isEqualTo(503);
		assertThat(run("/api/x", new DecisionNotAuditedException("not audited", null)).getStatus()).isEqualTo(503);
	}

	@Test
	void otherFailuresAreNotItsBusiness() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> run("/api/x", new IllegalStateException("a bug")));
	}

	private MockHttpServletResponse run(String uri, RuntimeException failure)
			throws ServletException, java.io.IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
			throw failure;
		});
		return response;
	}

}
