package care.concord.server.oauth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code private_key_jwt} client authentication with the HEART / iGov rules (RFC 7523
 * section 3).
 */
@ConcordIntegrationTest
class OAuth2PrivateKeyJwtClientAuthenticationTests {

	private static final String TOKEN_ENDPOINT = "http://localhost/oauth2/token";

	private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	RSAKey key;

	TestAgency agency;

	@BeforeEach
	void registerClientWithInlineJwks() throws Exception {
		this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		Map<String, Object> publicJwks = new JWKSet(this.key.toPublicJWK()).toJSONObject(true);
		this.agency = this.agencies.agency(OrgType.ACUTE_HOSPITAL)
			.authMethod("private_key_jwt")
			.scopes("uma_protection", "decision")
			.jwks(publicJwks, "RS256")
			.register();
	}

	@Test
	void tokenWhenValidAssertionThenIssuedWithOrgClaims() throws Exception {
		String assertion = assertion(TOKEN_ENDPOINT, Instant.now().plusSeconds(60), UUID.randomUUID().toString());
		String body = token(assertion).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String accessToken = (String) TestOAuth.jwtClaims(body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1"))
			.get("org_code");
		assertThat(accessToken).isEqualTo(this.agency.code());
	}

	@Test
	void tokenWhenClientKeysAtJwksUriThenIssued() throws Exception {
		RSAKey remoteKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		byte[] jwks = new JWKSet(remoteKey.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/jwks", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			exchange.getResponseBody().write(jwks);
			exchange.close();
		});
		server.start();
		try {
			TestAgency remote = this.agencies.agency(OrgType.SOCIAL_CARE)
				.authMethod("private_key_jwt")
				.scopes("decision")
				.jwksUri("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks", "RS256")
				.register();
			this.agency = remote;
			this.key = remoteKey;
			token(assertion(TOKEN_ENDPOINT, Instant.now().plusSeconds(60), UUID.randomUUID().toString()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.access_token").exists());
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void tokenWhenAudienceIsIssuerThenIssued() throws Exception {
		token(assertion("http://localhost", Instant.now().plusSeconds(60), UUID.randomUUID().toString()))
			.andExpect(status().isOk());
	}

	@Test
	void tokenWhenJtiReplayedThenInvalidClient() throws Exception {
		String assertion = assertion(TOKEN_ENDPOINT, Instant.now().plusSeconds(60), UUID.randomUUID().toString());
		token(assertion).andExpect(status().isOk());
		token(assertion).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error").value("invalid_client"));
	}

	@Test
	void tokenWhenWrongAudienceThenInvalidClient() throws Exception {
		token(assertion("https://elsewhere.example/token", Instant.now().plusSeconds(60), UUID.randomUUID().toString()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
	}

	@Test
	void tokenWhenAssertionExpiredThenInvalidClient() throws Exception {
		token(assertion(TOKEN_ENDPOINT, Instant.now().minus(Duration.ofMinutes(3)), UUID.randomUUID().toString()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
	}

	@Test
	void tokenWhenLifetimeOverFiveMinutesThenInvalidClient() throws Exception {
		token(assertion(TOKEN_ENDPOINT, Instant.now().plus(Duration.ofMinutes(30)), UUID.randomUUID().toString()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
	}

	@Test
	void tokenWhenNoJtiThenInvalidClient() throws Exception {
		token(assertion(TOKEN_ENDPOINT, Instant.now().plusSeconds(60), null)).andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
	}

	@Test
	void tokenWhenSignedByAnotherKeyThenInvalidClient() throws Exception {
		this.key = new RSAKeyGenerator(2048).keyID(this.key.getKeyID()).generate();
		token(assertion(TOKEN_ENDPOINT, Instant.now().plusSeconds(60), UUID.randomUUID().toString()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
	}

	@Test
	void tokenWhenAssertionMalformedThenInvalidClient() throws Exception {
		for (String garbage : List.of("not-a-jwt", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
			token(garbage).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error").value("invalid_client"));
		}
	}

	@Test
	void tokenWhenRejectedAssertionThenItsJtiIsNotConsumed() throws Exception {
		String jti = UUID.randomUUID().toString();
		token(assertion("https://elsewhere.example/token", Instant.now().plusSeconds(60), jti))
			.andExpect(status().isUnauthorized());
		token(assertion(TOKEN_ENDPOINT, Instant.now().plusSeconds(60), jti)).andExpect(status().isOk());
	}

	private ResultActions token(String assertion) throws Exception {
		return this.mvc.perform(post("/oauth2/token").param("grant_type", "client_credentials")
			.param("client_id", this.agency.clientId())
			.param("client_assertion_type", ASSERTION_TYPE)
			.param("client_assertion", assertion)
			.param("scope", "decision"));
	}

	private String assertion(String audience, Instant expiresAt, String jti) throws Exception {
		Instant issuedAt = expiresAt.minusSeconds(60);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.agency.clientId())
			.subject(this.agency.clientId())
			.audience(audience)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt));
		if (jti != null) {
			claims.jwtID(jti);
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
				claims.build());
		jwt.sign(new RSASSASigner(this.key));
		return jwt.serialize();
	}

}
