package care.concord.examples.journey;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journey's HTTP calls: plain requests, client credentials tokens and a person's
 * login to Concord's console.
 */
final class Web {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	static final JsonMapper JSON = JsonMapper.builder().build();

	private Web() {
	}

	record Answer(int status, String body, HttpResponse<String> response) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

	}

	static Answer get(String url, String bearer, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		headers.forEach(request::header);
		return send(HTTP, request.build());
	}

	static Answer postJson(String url, String bearer, Object body) throws Exception {
		return send(HTTP,
				HttpRequest.newBuilder(URI.create(url))
					.timeout(Duration.ofSeconds(20))
					.header("Authorization", "Bearer " + bearer)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
					.build());
	}

	static Answer postForm(HttpClient http, String url, String basic, Map<String, String> fields) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)));
		if (basic != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
		}
		return send(http, request.build());
	}

	static String clientToken(String issuer, String client, String secret, String scope) throws Exception {
		Answer token = postForm(HTTP, issuer + "/oauth2/token", client + ":" + secret,
				Map.of("grant_type", "client_credentials", "scope", scope));
		if (token.status() != 200) {
			throw new IllegalStateException("client token: " + token.status() + " " + token.body());
		}
		return token.json().path("access_token").asString();
	}

	/**
	 * A person's access token through the console client: authorization code with PKCE
	 * and the login form.
	 */
	static String login(String issuer, String username, String password) throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(3))
			.build();
		String callback = issuer + "/console/callback";
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String next = issuer + "/oauth2/authorize?"
				+ form(Map.of("response_type", "code", "client_id", "concord-console", "redirect_uri", callback,
						"scope", "openid", "state", "journey", "code_challenge", challenge, "code_challenge_method",
						"S256"));
		for (int hop = 0; hop < 8 && !next.startsWith(callback); hop++) {
			Answer step = send(browser, HttpRequest.newBuilder(URI.create(next)).build());
			if (step.status() == 200 && step.body().contains("name=\"password\"")) {
				Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(step.body());
				StringJoiner fields = new StringJoiner("&");
				fields.add(form(Map.of("username", username, "password", password)));
				if (csrf.find()) {
					fields.add("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
				}
				step = send(browser,
						HttpRequest.newBuilder(URI.create(issuer + "/login"))
							.header("Content-Type", "application/x-www-form-urlencoded")
							.POST(HttpRequest.BodyPublishers.ofString(fields.toString()))
							.build());
			}
			String location = step.header("Location");
			if (location == null) {
				throw new IllegalStateException("login stopped at " + next + ": " + step.status());
			}
			next = location.startsWith("http") ? location : issuer + location;
		}
		Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(next);
		if (!code.find()) {
			throw new IllegalStateException("no authorization code in " + next);
		}
		Answer token = postForm(HTTP, issuer + "/oauth2/token", null,
				Map.of("grant_type", "authorization_code", "client_id", "concord-console", "redirect_uri", callback,
						"code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "code_verifier", verifier));
		if (token.status() != 200) {
			throw new IllegalStateException("code exchange: " + token.status() + " " + token.body());
		}
		return token.json().path("access_token").asString();
	}

	private static Answer send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.body(), response);
	}

	private static String form(Map<String, String> fields) {
		StringJoiner joined = new StringJoiner("&");
		fields.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return joined.toString();
	}

}
