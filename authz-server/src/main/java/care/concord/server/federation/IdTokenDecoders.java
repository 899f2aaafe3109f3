package care.concord.server.federation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;

/**
 * Decoders of the upstream providers' ID tokens: the signature by the provider's
 * published keys (fetched with Concord's time-outs, RS256 or PS256), then {@code iss},
 * {@code aud}, {@code azp}, {@code exp} and {@code iat} ({@link OidcIdTokenValidator});
 * Spring Security checks {@code nonce} against the one it sent. One decoder per provider,
 * caching its keys.
 */
public class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

	private final RestOperations http;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	public IdTokenDecoders(RestOperations http) {
		this.http = http;
	}

	@Override
	public JwtDecoder createDecoder(ClientRegistration registration) {
		return this.decoders.computeIfAbsent(registration.getRegistrationId(), (id) -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
				.jwsAlgorithm(SignatureAlgorithm.RS256)
				.jwsAlgorithm(SignatureAlgorithm.PS256)
				.restOperations(this.http)
				.build();
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
					new OidcIdTokenValidator(registration)));
			decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
			return decoder;
		});
	}

}
