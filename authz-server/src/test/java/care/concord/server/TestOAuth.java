package care.concord.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.servlet.MvcResult;

/**
 * Small helpers for OAuth tests: PKCE pairs, JSON bodies, HTTP Basic headers, JWT
 * payloads.
 */
public final class TestOAuth {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestOAuth() {
	}

	/** A PKCE code verifier and its S256 challenge (RFC 7636 section 4.2). */
	public record Pkce(String verifier, String challenge) {

		public static Pkce generate() {
			byte[] bytes = new byte[32];
			RANDOM.nextBytes(bytes);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			return new Pkce(verifier, s256(verifier));
		}

	}

	public static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String basic(String clientId, String secret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> json(MvcResult result) {
		try {
			return JSON.readValue(result.getResponse().getContentAsString(StandardCharsets.UTF_8), Map.class);
		}
		catch (Exception ex) {
			throw new IllegalStateException("not JSON: " + ex.getMessage(), ex);
		}
	}

	public static String toJson(Object value) {
		return JSON.writeValueAsString(value);
	}

	/**
	 * The decoded payload of a JWT (no verification: tests verify through Concord's
	 * endpoints).
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> jwtClaims(String jwt) {
		String payload = jwt.split("\\.")[1];
		return JSON.readValue(Base64.getUrlDecoder().decode(payload), Map.class);
	}

	/** The decoded header of a JWT. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> jwtHeader(String jwt) {
		String header = jwt.split("\\.")[0];
		return JSON.readValue(Base64.getUrlDecoder().decode(header), Map.class);
	}

}
