package care.concord.agency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import care.concord.agency.ConcordConnection.Answer;
import tools.jackson.databind.JsonNode;

/**
 * The policy enforcement point of a protected server: given what a request would disclose
 * and its {@code Authorization} header, decides whether it goes on.
 * <ul>
 * <li>no RPT: asks Concord for a permission ticket and challenges (401,
 * {@code WWW-Authenticate: UMA realm, as_uri, ticket}, UMA Grant 3.2);</li>
 * <li>an RPT: introspects it with the PAT (answers reused for at most
 * {@link ConcordSettings#introspectionCacheTtl()}, never more than 1 s, so a citizen's
 * change is enforced within it); inactive: 401 with a new ticket; active: permits the
 * resources a permission with the scope covers, 403 with a new ticket when it covers
 * none;</li>
 * <li>Concord unreachable, slow or failing: {@link Enforcement.Unavailable} (503).
 * Nothing is ever permitted without an introspection.</li>
 * </ul>
 * Thread-safe.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.2">UMA
 * Grant 3.2</a>
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.5">FedAuthz
 * 5</a>
 */
public final class ResourceProtection {

	/** The only scope Concord knows: disclosure of the category. */
	public static final String READ = "read";

	private static final int CACHE_LIMIT = 10_000;

	private static final int MAX_PERMISSIONS_PER_TICKET = 20;

	private final ConcordConnection concord;

	private final ResourceRegistry registry;

	private final String realm;

	private final Map<String, Introspection> introspections = new ConcurrentHashMap<>();

	/**
	 * @param concord the connection to Concord (the holder's client, with scope
	 * {@code uma_protection})
	 * @param registry where the server's resources are registered
	 * @param realm the realm named in challenges, e.g. the server's name
	 */
	public ResourceProtection(ConcordConnection concord, ResourceRegistry registry, String realm) {
		this.concord = concord;
		this.registry = registry;
		this.realm = (realm != null && !realm.isBlank()) ? realm.replace("\"", "") : "concord";
	}

	public ResourceRegistry registry() {
		return this.registry;
	}

	/**
	 * Decides a request that reads {@code needed}.
	 * @param authorization the request's {@code Authorization} header, or null
	 * @param needed what the request would disclose; empty: nothing to protect, permitted
	 */
	public Enforcement enforce(String authorization, Collection<ProtectedResource> needed) {
		if (needed.isEmpty()) {
			return new Enforcement.Permit(Set.of(), null);
		}
		Set<ProtectedResource> asked = new LinkedHashSet<>(needed);
		if (asked.size() > MAX_PERMISSIONS_PER_TICKET) {
			return new Enforcement.Challenge(403, "UMA realm=\"" + this.realm + "\"", "insufficient_scope");
		}
		try {
			String token = bearer(authorization);
			if (token == null) {
				return challenge(401, asked, null);
			}
			Rpt rpt = introspect(token);
			if (rpt == null) {
				return challenge(401, asked, "invalid_token");
			}
			Set<ProtectedResource> permitted = new LinkedHashSet<>();
			for (ProtectedResource resource : asked) {
				String id = this.registry.register(resource);
				if (rpt.covers(id, READ)) {
					permitted.add(resource);
				}
			}
			if (permitted.isEmpty()) {
				return challenge(403, asked, "insufficient_scope");
			}
			return new Enforcement.Permit(Set.copyOf(permitted), rpt);
		}
		catch (ConcordUnavailableException | IllegalArgumentException ex) {
			return new Enforcement.Unavailable(ex.getMessage());
		}
	}

	/**
	 * Introspects the RPT at Concord with the PAT (or reuses an answer younger than the
	 * cache time); null when it is not active for this server.
	 * @throws ConcordUnavailableException when Concord cannot answer
	 */
	public Rpt introspect(String token) {
		Instant now = this.concord.clock().instant();
		Introspection cached = this.introspections.get(token);
		if (cached != null && now.isBefore(cached.until())) {
			return cached.rpt();
		}
		Answer answer = this.concord.postFormWithPat("/oauth2/introspect", Map.of("token", token));
		if (answer.status() != 200) {
			throw new ConcordUnavailableException(
					"Concord's introspection answered " + answer.status() + " " + answer.error());
		}
		Rpt rpt = answer.json().path("active").asBoolean(false) ? toRpt(answer.json(), now) : null;
		if (rpt != null && !rpt.expiresAt().isAfter(now)) {
			rpt = null;
		}
		Instant until = now.plus(this.concord.settings().introspectionCacheTtl());
		if (rpt != null && rpt.expiresAt().isBefore(until)) {
			until = rpt.expiresAt();
		}
		if (this.introspections.size() >= CACHE_LIMIT) {
			this.introspections.values().removeIf((entry) -> !now.isBefore(entry.until()));
			if (this.introspections.size() >= CACHE_LIMIT) {
				this.introspections.clear();
			}
		}
		this.introspections.put(token, new Introspection(rpt, until));
		return rpt;
	}

	private Enforcement challenge(int status, Set<ProtectedResource> asked, String error) {
		String ticket = ticket(asked, true);
		return new Enforcement.Challenge(status, "UMA realm=\"" + this.realm + "\", as_uri=\""
				+ this.concord.settings().issuer() + "\", ticket=\"" + ticket + "\"", error);
	}

	private String ticket(Set<ProtectedResource> asked, boolean retry) {
		List<Map<String, Object>> permissions = new ArrayList<>();
		for (ProtectedResource resource : asked) {
			permissions.add(Map.of("resource_id", this.registry.register(resource), "resource_scopes", List.of(READ)));
		}
		Answer answer = this.concord.sendJsonWithPat("POST", "/uma/permission", permissions);
		if (answer.status() == 201 && answer.json().path("ticket").isString()) {
			return answer.json().path("ticket").asString();
		}
		if (retry && "invalid_resource_id".equals(answer.error())) {
			// a pointer was deleted at Concord behind our back: register again, once
			asked.forEach(this.registry::forget);
			return ticket(asked, false);
		}
		throw new ConcordUnavailableException(
				"Concord refused a permission ticket: " + answer.status() + " " + answer.error());
	}

	private static Rpt toRpt(JsonNode json, Instant now) {
		Map<String, Set<String>> permissions = new HashMap<>();
		for (JsonNode permission : json.path("permissions")) {
			long exp = permission.path("exp").asLong(Long.MAX_VALUE);
			if (exp <= now.getEpochSecond()) {
				continue;
			}
			Set<String> scopes = new LinkedHashSet<>();
			permission.path("resource_scopes").forEach((scope) -> scopes.add(scope.asString()));
			permissions.put(permission.path("resource_id").asString(), Set.copyOf(scopes));
		}
		List<String> obligations = new ArrayList<>();
		json.path("obligations").forEach((obligation) -> obligations.add(obligation.asString()));
		return new Rpt(Map.copyOf(permissions), text(json, "client_id"), text(json, "org_code"),
				text(json, "purpose_of_use"), text(json, "practitioner_role"), text(json, "practitioner_id"),
				json.path("break_glass").asBoolean(false), List.copyOf(obligations),
				Instant.ofEpochSecond(json.path("exp").asLong(0)));
	}

	private static String text(JsonNode json, String name) {
		JsonNode value = json.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static String bearer(String authorization) {
		if (authorization == null || authorization.length() < 8
				|| !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = authorization.substring(7).trim();
		return token.isEmpty() ? null : token;
	}

	private record Introspection(Rpt rpt, Instant until) {
	}

}
