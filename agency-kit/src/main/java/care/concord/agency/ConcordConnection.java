package care.concord.agency;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agency's connection to Concord: one {@link HttpClient} with time-outs, the agency's
 * client authentication, and its own access tokens (client credentials, reused until
 * shortly before they expire). Shared by both halves of the kit. Thread-safe.
 */
public final class ConcordConnection {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	private final ConcordSettings settings;

	private final HttpClient http;

	private final Clock clock;

	private final String basic;

	private volatile CachedToken pat;

	public ConcordConnection(ConcordSettings settings) {
		this(settings, Clock.systemUTC());
	}

	ConcordConnection(ConcordSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
		this.basic = "Basic " + Base64.getEncoder()
			.encodeToString(
					(form(settings.clientId()) + ":" + form(settings.clientSecret())).getBytes(StandardCharsets.UTF_8));
	}

	public ConcordSettings settings() {
		return this.settings;
	}

	Clock clock() {
		return this.clock;
	}

	/**
	 * The agency's protection API token (PAT): a client credentials token with scope
	 * {@code uma_protection}.
	 */
	String protectionToken() {
		CachedToken current = this.pat;
		if (current != null && current.expiresAt().isAfter(this.clock.instant().plusSeconds(30))) {
			return current.value();
		}
		synchronized (this) {
			current = this.pat;
			if (current != null && current.expiresAt().isAfter(this.clock.instant().plusSeconds(30))) {
				return current.value();
			}
			Answer answer = postForm("/oauth2/token",
					Map.of("grant_type", "client_credentials", "scope", "uma_protection"), this.basic);
			if (answer.status() != 200 || !answer.json().path("access_token").isString()) {
				throw new ConcordUnavailableException("Concord refused the agency's protection token ("
						+ answer.status() + " " + answer.json().path("error").asString("")
						+ "): check the client id, secret " + "and that the client has the scope uma_protection");
			}
			long expiresIn = answer.json().path("expires_in").asLong(60);
			this.pat = new CachedToken(answer.json().path("access_token").asString(),
					this.clock.instant().plusSeconds(expiresIn));
			return this.pat.value();
		}
	}

	/** Forgets the PAT (Concord said it is no longer valid). */
	void forgetProtectionToken() {
		this.pat = null;
	}

	/** A form POST authenticated with the client's credentials. */
	Answer postFormAsClient(String path, Map<String, String> fields) {
		return postForm(path, fields, this.basic);
	}

	/**
	 * A form POST authenticated with the PAT (once more with a new PAT if Concord no
	 * longer takes it).
	 */
	Answer postFormWithPat(String path, Map<String, String> fields) {
		Answer answer = postForm(path, fields, "Bearer " + protectionToken());
		return (answer.status() == 401) ? postForm(path, fields, "Bearer " + protectionToken()) : answer;
	}

	/**
	 * A JSON request (no body when {@code body} is null) authenticated with the PAT (once
	 * more with a new PAT if Concord no longer takes it).
	 */
	Answer sendJsonWithPat(String method, String path, Object body) {
		Answer answer = sendJson(method, path, body);
		return (answer.status() == 401) ? sendJson(method, path, body) : answer;
	}

	private Answer sendJson(String method, String path, Object body) {
		HttpRequest.Builder request = request(path, "Bearer " + protectionToken());
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		return send(request.build());
	}

	private Answer postForm(String path, Map<String, String> fields, String authorization) {
		StringJoiner body = new StringJoiner("&");
		fields.forEach((name, value) -> body.add(form(name) + "=" + form(value)));
		return send(request(path, authorization).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build());
	}

	private HttpRequest.Builder request(String path, String authorization) {
		URI uri = this.settings.endpoint(path);
		return HttpRequest.newBuilder(uri)
			.timeout(this.settings.timeout())
			.header("Authorization", authorization)
			.header("Accept", "application/json");
	}

	private Answer send(HttpRequest request) {
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new ConcordUnavailableException("Concord did not answer " + request.uri() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ConcordUnavailableException("interrupted while calling Concord", ex);
		}
		if (response.statusCode() >= 500) {
			throw new ConcordUnavailableException(
					"Concord answered " + response.statusCode() + " at " + request.uri().getPath());
		}
		JsonNode json;
		try {
			json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new ConcordUnavailableException(
					"Concord's answer at " + request.uri().getPath() + " is not JSON (" + response.statusCode() + ")",
					ex);
		}
		if (response.statusCode() == 401) {
			forgetProtectionToken();
		}
		return new Answer(response.statusCode(), json);
	}

	static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** Concord's answer: the status and the JSON body. */
	record Answer(int status, JsonNode json) {

		String error() {
			return this.json.path("error").asString("");
		}

		String description() {
			return this.json.path("error_description").asString("");
		}

	}

	private record CachedToken(String value, Instant expiresAt) {
	}

}
