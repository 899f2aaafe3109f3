package care.concord.server.federation;

import java.text.ParseException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import care.concord.server.uma.PractitionerIdTokens;
import com.nimbusds.jwt.JWTParser;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;

/**
 * Practitioners' CIS2 ID tokens as UMA claim tokens: the token names its issuer, which
 * must be one of {@code concord.federation.claim-token-issuers}; the signature must
 * verify with that issuer's published keys (fetched with Concord's time-outs),
 * {@code aud} must name one of its accepted audiences, {@code exp} must not have passed.
 * The selected role ({@link Cis2Identity}) must map to a practitioner role by that
 * issuer's {@code practitioner-roles}. Anything else is {@code invalid_grant}, and the
 * grant provider audits the refusal.
 */
public class Cis2ClaimTokens implements PractitionerIdTokens {

	private final Map<String, Trusted> issuers;

	public Cis2ClaimTokens(Map<String, FederationProperties.ClaimTokenIssuer> issuers, RestOperations http) {
		this.issuers = issuers.values()
			.stream()
			.collect(Collectors.toUnmodifiableMap(FederationProperties.ClaimTokenIssuer::issuer,
					(issuer) -> new Trusted(issuer, decoder(issuer, http))));
	}

	@Override
	public PractitionerIdentity verify(String idToken) {
		String issuer;
		try {
			issuer = JWTParser.parse(idToken).getJWTClaimsSet().getIssuer();
		}
		catch (ParseException ex) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token is not a JWT");
		}
		Trusted trusted = (issuer != null) ? this.issuers.get(issuer) : null;
		if (trusted == null) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT, "claim_token iss is not a trusted CIS2 issuer");
		}
		Jwt jwt;
		try {
			jwt = trusted.decoder().decode(idToken);
		}
		catch (JwtException ex) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT,
					"claim_token does not verify: signature, audience or lifetime (" + ex.getMessage() + ")");
		}
		Cis2Identity identity;
		try {
			identity = Cis2Identity.from(jwt.getClaims());
		}
		catch (FederatedSignInException ex) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT, "claim_token names no selected CIS2 role");
		}
		String role = null;
		for (String segment : identity.roleCode().split(":")) {
			role = (role != null) ? role : trusted.issuer().practitionerRoles().get(segment);
		}
		if (role == null) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT, "the practitioner's selected CIS2 role is not recognised");
		}
		return new PractitionerIdentity(identity.userId(), identity.orgCode(), role);
	}

	private static JwtDecoder decoder(FederationProperties.ClaimTokenIssuer issuer, RestOperations http) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.jwksUri())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.jwsAlgorithm(SignatureAlgorithm.PS256)
			.restOperations(http)
			.build();
		Collection<String> audiences = issuer.audiences();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtIssuerValidator(issuer.issuer()), new JwtClaimValidator<Collection<String>>("aud",
						(aud) -> aud != null && aud.stream().anyMatch(audiences::contains))));
		return decoder;
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
	}

	private record Trusted(FederationProperties.ClaimTokenIssuer issuer, JwtDecoder decoder) {
	}

}
