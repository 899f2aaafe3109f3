package care.concord.server.uma;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link UmaTicketGrantAuthenticationConverter}.
 */
class UmaTicketGrantAuthenticationConverterTests {

	final UmaTicketGrantAuthenticationConverter converter = new UmaTicketGrantAuthenticationConverter();

	final TestingAuthenticationToken client = new TestingAuthenticationToken("gp-client", null);

	@BeforeEach
	void authenticatedClient() {
		SecurityContextHolder.getContext().setAuthentication(this.client);
	}

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	static MockHttpServletRequest request(String... parameters) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addParameter("grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket");
		for (int i = 0; i < parameters.length; i += 2) {
			request.addParameter(parameters[i], parameters[i + 1]);
		}
		return request;
	}

	@Test
	void convertWhenOtherGrantTypeThenNull() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addParameter("grant_type", "client_credentials");
		assertThat(this.converter.convert(request)).isNull();
	}

	@Test
	void convertWhenTicketAndClaimTokenThenTokenWithClientPrincipal() {
		UmaTicketGrantAuthenticationToken token = (UmaTicketGrantAuthenticationToken) this.converter
			.convert(request("ticket", "t1", "claim_token", "ct", "claim_token_format", "f", "extra", "x"));
		assertThat(token.getTicket()).isEqualTo("t1");
		assertThat(token.getClaimToken()).isEqualTo("ct");
		assertThat(token.getClaimTokenFormat()).isEqualTo("f");
		assertThat(token.getPrincipal()).isSameAs(this.client);
		assertThat(token.getGrantType()).isEqualTo(UmaTicketGrantAuthenticationToken.UMA_TICKET);
		assertThat(token.getAdditionalParameters()).containsEntry("extra", "x").doesNotContainKey("ticket");
		assertThat(token.getGrantedPermissions()).isNull();
	}

	@Test
	void convertWhenTicketMissingThenInvalidRequest() {
		assertError(request(), "invalid_request");
	}

	@Test
	void convertWhenTicketTwiceThenInvalidRequest() {
		assertError(request("ticket", "a", "ticket", "b"), "invalid_request");
	}

	@Test
	void convertWhenClaimTokenWithoutFormatThenInvalidRequest() {
		assertError(request("ticket", "a", "claim_token", "ct"), "invalid_request");
	}

	@Test
	void convertWhenScopeOtherThanReadThenInvalidScope() {
		assertError(request("ticket", "a", "scope", "read write"), "invalid_scope");
		assertThat(this.converter.convert(request("ticket", "a", "scope", "read"))).isNotNull();
	}

	void assertError(MockHttpServletRequest request, String code) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(code));
	}

}
