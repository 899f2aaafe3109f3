package care.concord.server.uma;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmaRptTokenCustomizer}: claim values must read back from the JDBC
 * authorization store, so only mutable collections, Strings, Booleans and Integers.
 */
class UmaRptTokenCustomizerTests {

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	final UmaRptTokenCustomizer customizer = new UmaRptTokenCustomizer(Duration.ofMinutes(5));

	static JwtEncodingContext context(UmaTicketGrantAuthenticationToken grant, JwtClaimsSet.Builder claims) {
		RegisteredClient client = RegisteredClient.withId("1")
			.clientId("gp-client")
			.clientSecret("x")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build();
		return JwtEncodingContext.with(JwsHeader.with(SignatureAlgorithm.RS256), claims)
			.registeredClient(client)
			.principal(new TestingAuthenticationToken("gp-client", null))
			.tokenType(OAuth2TokenType.ACCESS_TOKEN)
			.authorizationGrantType(UmaTicketGrantAuthenticationToken.UMA_TICKET)
			.authorizationGrant(grant)
			.build();
	}

	static UmaTicketGrantAuthenticationToken grant() {
		return new UmaTicketGrantAuthenticationToken("t", null, null, new TestingAuthenticationToken("gp-client", null),
				Map.of());
	}

	@Test
	void customizeWhenGrantedThenPermissionsObligationsAndShortLifetime() {
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuedAt(NOW)
			.expiresAt(NOW.plusSeconds(900))
			.claim("scope", "x");
		UmaTicketGrantAuthenticationToken granted = grant()
			.withGrantedPermissions(new UmaGrantedPermissions(List.of(new UmaPermission("r1", Set.of("read"))),
					Set.of("review", "notify-subject"), true, "emergency-care", "clinician", "P-1"));
		this.customizer.customize(context(granted, claims));
		Map<String, Object> built = claims.build().getClaims();
		assertThat(built.get("exp")).isEqualTo(NOW.plusSeconds(300));
		assertThat(built).doesNotContainKey("scope").containsEntry("break_glass", Boolean.TRUE);
		assertThat(built.get("obligations")).isInstanceOf(ArrayList.class)
			.isEqualTo(new ArrayList<>(List.of("notify-subject", "review")));
		assertThat(built.get("permissions")).isInstanceOf(ArrayList.class);
		Object permission = ((List<?>) built.get("permissions")).get(0);
		assertThat(permission).isInstanceOf(LinkedHashMap.class);
		Map<?, ?> entry = (Map<?, ?>) permission;
		assertThat(entry.get("resource_id")).isEqualTo("r1");
		assertThat(entry.get("resource_scopes")).isInstanceOf(ArrayList.class);
		assertThat(entry.get("exp")).isInstanceOf(Integer.class).isEqualTo((int) NOW.plusSeconds(300).getEpochSecond());
		assertThat(built).containsEntry("purpose_of_use", "emergency-care").containsEntry("practitioner_id", "P-1");
	}

	@Test
	void customizeWhenNotAnUmaGrantThenUntouched() {
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuedAt(NOW)
			.expiresAt(NOW.plusSeconds(900))
			.claim("scope", "x");
		this.customizer.customize(context(grant(), claims));
		assertThat(claims.build().getClaims()).containsEntry("scope", "x").doesNotContainKey("permissions");
		assertThat(claims.build().getExpiresAt()).isEqualTo(NOW.plusSeconds(900));
	}

}
