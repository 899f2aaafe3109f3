package care.concord.server.uma;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmaTokenErrorResponseHandler}.
 */
class UmaTokenErrorResponseHandlerTests {

	final UmaTokenErrorResponseHandler handler = new UmaTokenErrorResponseHandler();

	@Test
	void onAuthenticationFailureWhenNeedInfoThen403WithTicketAndRequiredClaims() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.onAuthenticationFailure(new MockHttpServletRequest(), response,
				new UmaGrantException(new OAuth2Error("need_info", "say why", null), HttpStatus.FORBIDDEN,
						Map.of("ticket", "t2", "required_claims", List.of(Map.of("name", "purpose_of_use")))));
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getContentAsString()).contains("\"error\":\"need_info\"")
			.contains("\"error_description\":\"say why\"")
			.contains("\"ticket\":\"t2\"")
			.contains("\"required_claims\":[{\"name\":\"purpose_of_use\"}]");
	}

	@Test
	void onAuthenticationFailureWhenStandardErrorThenSpringsStandard400() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.onAuthenticationFailure(new MockHttpServletRequest(), response,
				new OAuth2AuthenticationException(new OAuth2Error("invalid_grant", "used", null)));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("\"error\":\"invalid_grant\"").doesNotContain("ticket");
	}

}
