package care.concord.server.cluster;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests against running Concord nodes: form and JSON posts,
 * bearer tokens, and the authorization-code + PKCE login of a person through the login
 * page (cookies kept per login).
 */
final class Http {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private Http() {
	}

	record Response(int status, String body, java.net.http.HttpHeaders headers) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String text(String field) {
			JsonNode node = json().get(field);
			return (node != null && !node.isNull()) ? node.asString() : null;
		}

	}

	static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	static String basic(String id, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	static Response send(HttpRequest request) throws Exception {
		HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body(), response.headers());
	}

	static Response postForm(String url, String authorization, Map<String, String> fields) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	static Response json(String method, String url, String bearer, Object body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(20))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + bearer);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return send(request.build());
	}

	static String clientToken(String tokenUrl, String clientId, String secret, String scope) throws Exception {
		Response response = postForm(tokenUrl, basic(clientId, secret),
				Map.of("grant_type", "client_credentials", "scope", scope));
		if (response.status() != 200) {
			throw new IllegalStateException("token for " + clientId + ": " + response.status() + " " + response.body());
		}
		return response.text("access_token");
	}

	/**
	 * Logs a person in through /oauth2/authorize (PKCE S256) and the login form; returns
	 * an access token.
	 */
	static String personToken(String base, String clientId, String redirectUri, String username, String password)
			throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", clientId);
		query.put("redirect_uri", redirectUri);
		query.put("scope", "openid");
		query.put("state", "s1");
		query.put("code_challenge", challenge);
		query.put("code_challenge_method", "S256");
		String authorize = base + "/oauth2/authorize?" + form(query);
		HttpResponse<String> first = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
				HttpResponse.BodyHandlers.ofString());
		String loginUrl = resolve(base, first.headers()
			.firstValue("Location")
			.orElseThrow(
					() -> new IllegalStateException("authorize did not redirect to login: " + first.statusCode())));
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(loginUrl)).build(),
				HttpResponse.BodyHandlers.ofString());
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("username", username);
		fields.put("password", password);
		Matcher csrf = Pattern.compile("name=\"(_csrf)\" value=\"([^\"]+)\"").matcher(page.body());
		if (csrf.find()) {
			fields.put(csrf.group(1), csrf.group(2));
		}
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
			.build(), HttpResponse.BodyHandlers.ofString());
		String next = resolve(base, login.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException("login failed: " + login.statusCode() + " " + login.body())));
		for (int hop = 0; hop < 5 && !next.startsWith(redirectUri); hop++) {
			HttpResponse<String> step = browser.send(HttpRequest.newBuilder(URI.create(next)).build(),
					HttpResponse.BodyHandlers.ofString());
			String location = step.headers()
				.firstValue("Location")
				.orElseThrow(() -> new IllegalStateException(
						"no redirect to the client: " + step.statusCode() + " " + step.body()));
			next = resolve(base, location);
		}
		Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(next);
		if (!code.find()) {
			throw new IllegalStateException("no code in " + next);
		}
		Response token = postForm(base + "/oauth2/token", null,
				Map.of("grant_type", "authorization_code", "client_id", clientId, "redirect_uri", redirectUri, "code",
						java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "code_verifier", verifier));
		if (token.status() != 200) {
			throw new IllegalStateException("code exchange: " + token.status() + " " + token.body());
		}
		return token.text("access_token");
	}

	private static String resolve(String base, String location) {
		return location.startsWith("http") ? location : base + location;
	}

}
