package care.concord.agency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import care.concord.agency.ConcordConnection.Answer;
import tools.jackson.databind.JsonNode;

/**
 * The requesting side: calls a protected server, and when it answers with a UMA challenge
 * redeems the ticket at Concord (the UMA grant, with the practitioner's claims), retries
 * once with the RPT and keeps the RPT per resource and practitioner context until shortly
 * before it expires. Concord's refusals surface as {@link RequestDeniedException},
 * {@link NeedInfoException} or {@link UmaAccessException}; Concord being unreachable as
 * {@link ConcordUnavailableException}. Tickets are only redeemed at the configured
 * Concord: a challenge naming another authorization server is refused, so the agency's
 * secret never goes elsewhere. Thread-safe.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3">UMA
 * Grant 3.3</a>
 */
public final class UmaClient {

	/** The UMA grant type. */
	public static final String UMA_TICKET = "urn:ietf:params:oauth:grant-type:uma-ticket";

	private static final int CACHE_LIMIT = 10_000;

	private static final long EXPIRY_MARGIN_SECONDS = 10;

	private final ConcordConnection concord;

	private final Map<CacheKey, IssuedRpt> rpts = new ConcurrentHashMap<>();

	/**
	 * @param concord the connection to Concord (the requesting agency's client, scope
	 * {@code uma_authorization})
	 */
	public UmaClient(ConcordConnection concord) {
		this.concord = concord;
	}

	/**
	 * Redeems a ticket at Concord for an RPT.
	 * @param previousRpt an active RPT of this client whose permissions Concord
	 * re-decides and carries over (RPT upgrade), or null
	 */
	public IssuedRpt redeem(UmaChallenge challenge, PractitionerClaims claims, String previousRpt) {
		String issuer = this.concord.settings().issuer().toString();
		String asUri = challenge.asUri().endsWith("/") ? challenge.asUri().substring(0, challenge.asUri().length() - 1)
				: challenge.asUri();
		if (!issuer.equals(asUri)) {
			throw new UmaAccessException("invalid_as_uri",
					"the server's ticket is for " + challenge.asUri() + ", not for " + issuer);
		}
		Instant now = this.concord.clock().instant();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", UMA_TICKET);
		form.put("ticket", challenge.ticket());
		form.put("claim_token", claims.toClaimToken(now));
		form.put("claim_token_format", PractitionerClaims.FORMAT);
		if (previousRpt != null) {
			form.put("rpt", previousRpt);
		}
		Answer answer = this.concord.postFormAsClient("/oauth2/token", form);
		if (answer.status() == 200 && answer.json().path("access_token").isString()) {
			return new IssuedRpt(answer.json().path("access_token").asString(),
					now.plusSeconds(answer.json().path("expires_in").asLong(60)));
		}
		if ("request_denied".equals(answer.error())) {
			List<RequestDeniedException.Reason> reasons = new ArrayList<>();
			for (JsonNode reason : answer.json().path("concord_reasons")) {
				reasons.add(new RequestDeniedException.Reason(reason.path("resource_id").asString(""),
						reason.path("reason").asString("")));
			}
			throw new RequestDeniedException(answer.description(), reasons);
		}
		if ("need_info".equals(answer.error())) {
			List<String> required = new ArrayList<>();
			answer.json().path("required_claims").forEach((claim) -> required.add(claim.path("name").asString("")));
			throw new NeedInfoException(required, answer.json().path("ticket").asString(null));
		}
		throw new UmaAccessException(answer.error().isEmpty() ? "http_" + answer.status() : answer.error(),
				answer.description());
	}

	/**
	 * Runs an exchange with a protected server: with the cached RPT for
	 * ({@code resource}, claims) if there is one; on a UMA challenge, redeems its ticket
	 * and sends once more with the new RPT.
	 * @param resource what the RPT is kept for, e.g. the request's URI
	 * @return the server's answer (the retried one after a challenge)
	 * @throws RequestDeniedException, NeedInfoException, UmaAccessException when Concord
	 * refuses
	 * @throws ConcordUnavailableException when Concord cannot be reached
	 */
	public <R> R exchange(String resource, PractitionerClaims claims, Exchange<R> exchange) throws IOException {
		String cached = cachedRpt(resource, claims).orElse(null);
		R response = exchange.send(cached);
		int status = exchange.status(response);
		if (status != 401 && status != 403) {
			return response;
		}
		UmaChallenge challenge = UmaChallenge.parse(exchange.header(response, "WWW-Authenticate")).orElse(null);
		if (challenge == null) {
			return response;
		}
		exchange.discard(response);
		return exchange.send(renew(resource, claims, challenge, status, cached).token());
	}

	/** The RPT kept for ({@code resource}, claims), unless it expires within 10 s. */
	public Optional<String> cachedRpt(String resource, PractitionerClaims claims) {
		CacheKey key = new CacheKey(resource, claims);
		IssuedRpt cached = this.rpts.get(key);
		if (cached != null && !cached.usableAt(this.concord.clock().instant())) {
			this.rpts.remove(key, cached);
			cached = null;
		}
		return Optional.ofNullable(cached).map(IssuedRpt::token);
	}

	/**
	 * After a server's challenge to a request sent with {@code presented} (or none):
	 * redeems the ticket and keeps the new RPT for ({@code resource}, claims). On a 403
	 * the presented RPT is still active but does not cover the request: it is upgraded
	 * (its permissions re-decided and carried over); on a 401 it is gone.
	 */
	public IssuedRpt renew(String resource, PractitionerClaims claims, UmaChallenge challenge, int status,
			String presented) {
		CacheKey key = new CacheKey(resource, claims);
		this.rpts.remove(key);
		IssuedRpt rpt = redeem(challenge, claims, (status == 403) ? presented : null);
		if (this.rpts.size() >= CACHE_LIMIT) {
			Instant now = this.concord.clock().instant();
			this.rpts.values().removeIf((entry) -> !entry.usableAt(now));
			if (this.rpts.size() >= CACHE_LIMIT) {
				this.rpts.clear();
			}
		}
		this.rpts.put(key, rpt);
		return rpt;
	}

	/**
	 * A GET (or any request) with plain {@link HttpClient}: the RPT is set as
	 * {@code Authorization: Bearer}; kept per request URI.
	 */
	public HttpResponse<String> send(HttpClient http, HttpRequest request, PractitionerClaims claims)
			throws IOException {
		return exchange(request.uri().toString(), claims, new Exchange<>() {

			@Override
			public HttpResponse<String> send(String rpt) throws IOException {
				HttpRequest.Builder builder = HttpRequest.newBuilder(request,
						(name, value) -> !"authorization".equalsIgnoreCase(name));
				if (rpt != null) {
					builder.header("Authorization", "Bearer " + rpt);
				}
				try {
					return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted", ex);
				}
			}

			@Override
			public int status(HttpResponse<String> response) {
				return response.statusCode();
			}

			@Override
			public String header(HttpResponse<String> response, String name) {
				return response.headers().firstValue(name).orElse(null);
			}

		});
	}

	/** Forgets every cached RPT. */
	public void clear() {
		this.rpts.clear();
	}

	/** The Concord this client redeems tickets at. */
	public URI issuer() {
		return this.concord.settings().issuer();
	}

	/**
	 * One request to a protected server, sent with an RPT or none.
	 *
	 * @param <R> the response type
	 */
	public interface Exchange<R> {

		/**
		 * Sends the request, with {@code Authorization: Bearer <rpt>} when {@code rpt} is
		 * not null.
		 */
		R send(String rpt) throws IOException;

		int status(R response);

		String header(R response, String name);

		/** Releases a response that is not returned (the challenge). */
		default void discard(R response) {
		}

	}

	/**
	 * An RPT Concord issued.
	 *
	 * @param token the RPT
	 * @param expiresAt when it expires
	 */
	public record IssuedRpt(String token, Instant expiresAt) {

		boolean usableAt(Instant now) {
			return now.plusSeconds(EXPIRY_MARGIN_SECONDS).isBefore(this.expiresAt);
		}

	}

	private record CacheKey(String resource, PractitionerClaims claims) {
	}

}
