package care.concord.server.uma;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link UmaPatClientAuthenticationConverter}: a PAT counts as client
 * authentication at the introspection endpoint only.
 */
class UmaPatClientAuthenticationConverterTests {

	final UmaPatClientAuthenticationConverter converter = new UmaPatClientAuthenticationConverter("/oauth2/introspect");

	static String unsignedJwt(String payload) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes()) + "."
				+ encoder.encodeToString(payload.getBytes()) + "." + encoder.encodeToString("sig".getBytes());
	}

	static MockHttpServletRequest request(String path, String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

	@Test
	void convertWhenBearerOnIntrospectionThenUnauthenticatedClientWithPatMethod() {
		String pat = unsignedJwt("{\"client_id\":\"rr8-client\"}");
		OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) this.converter
			.convert(request("/oauth2/introspect", "Bearer " + pat));
		assertThat(token.getPrincipal()).isEqualTo("rr8-client");
		assertThat(token.getCredentials()).isEqualTo(pat);
		assertThat(token.getClientAuthenticationMethod()).isEqualTo(UmaPatClientAuthenticationConverter.PAT_BEARER);
		assertThat(token.isAuthenticated()).isFalse();
	}

	@Test
	void convertWhenOtherEndpointThenNull() {
		assertThat(this.converter.convert(request("/oauth2/token", "Bearer " + unsignedJwt("{\"client_id\":\"c\"}"))))
			.isNull();
	}

	@Test
	void convertWhenBasicOrNoAuthorizationThenNull() {
		assertThat(this.converter.convert(request("/oauth2/introspect", "Basic YTpi"))).isNull();
		assertThat(this.converter.convert(request("/oauth2/introspect", null))).isNull();
	}

	@Test
	void convertWhenBearerNotAJwtOrWithoutClientIdThenInvalidClient() {
		for (String bearer : new String[] { "garbage", unsignedJwt("{\"sub\":\"x\"}") }) {
			assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> this.converter.convert(request("/oauth2/introspect", "Bearer " + bearer)))
				.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
		}
	}

}
