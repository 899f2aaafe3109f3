package care.concord.server.uma;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import care.concord.policy.decision.Decision;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.audit.AuditActor;
import care.concord.server.decision.AuditedDecision;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.decision.DecisionNotAuditedException;
import care.concord.server.decision.DecisionQuery;
import care.concord.server.oauth.ClientOwner;
import care.concord.server.oauth.ClientOwnerDirectory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * Token introspection of requesting party tokens (UMA FedAuthz section 5), placed before
 * Spring Authorization Server's own introspection provider.
 *
 * <p>
 * <b>Who may introspect.</b> A resource server authorises the request with its PAT as a
 * bearer token (a Concord access token with scope {@code uma_protection}), as FedAuthz
 * section 5 describes: the PAT authenticates its client
 * ({@link UmaPatClientAuthenticationProvider}), or, should the chain authenticate bearer
 * tokens on this endpoint, arrives as a JWT authentication. Ordinary client
 * authentication of the resource server's client is accepted too. Either way the caller
 * is an organisation, and it sees only the RPT's permissions on resources it holds: an
 * RPT with none of them is inactive to it. A PAT may introspect RPTs only (other tokens
 * are inactive to it); client-authenticated introspection of other tokens is left to the
 * standard provider.
 *
 * <p>
 * <b>Re-decision.</b> Each visible permission is decided again against the citizen's
 * <em>current</em> consent and care relationship. If any is now denied, the RPT is
 * inactive and its authorization is invalidated for good (the deny is audited), so a
 * citizen's change of consent revokes outstanding RPTs at once on every node. Resource
 * servers must therefore introspect RPTs rather than only verify their signature
 * (docs/uma.md).
 *
 * <p>
 * The active response has {@code active}, {@code client_id}, {@code token_type},
 * {@code iat}, {@code exp}, {@code sub}, {@code iss}, {@code permissions} (each
 * {@code resource_id}, {@code resource_scopes}, {@code exp}), {@code obligations} and
 * {@code break_glass} when present, and no {@code scope}.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.5">UMA
 * FedAuthz section 5</a>
 */
public final class UmaRptIntrospectionAuthenticationProvider implements AuthenticationProvider {

	private static final String PROTECTION_AUTHORITY = "SCOPE_uma_protection";

	private final OAuth2AuthorizationService authorizations;

	private final ResourceSetRepository resources;

	private final ConsentDecisionService decisions;

	private final ClientOwnerDirectory owners;

	private final Clock clock;

	public UmaRptIntrospectionAuthenticationProvider(OAuth2AuthorizationService authorizations,
			ResourceSetRepository resources, ConsentDecisionService decisions, ClientOwnerDirectory owners,
			Clock clock) {
		Assert.notNull(authorizations, "authorizations cannot be null");
		Assert.notNull(resources, "resources cannot be null");
		Assert.notNull(decisions, "decisions cannot be null");
		Assert.notNull(owners, "owners cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.authorizations = authorizations;
		this.resources = resources;
		this.decisions = decisions;
		this.owners = owners;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		Authentication principal = (Authentication) request.getPrincipal();
		Caller caller = caller(principal);
		if (caller == null) {
			return null;
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(request.getToken(),
				OAuth2TokenType.ACCESS_TOKEN);
		boolean rpt = authorization != null
				&& UmaTicketGrantAuthenticationToken.UMA_TICKET.equals(authorization.getAuthorizationGrantType());
		if (!rpt) {
			// A PAT may introspect RPTs only; a client's other introspections go to the
			// standard provider.
			return caller.pat() ? inactive(request, principal) : null;
		}
		if (caller.orgCode() == null) {
			return inactive(request, principal);
		}
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
		if (token == null || !token.isActive()) {
			return inactive(request, principal);
		}
		Map<String, Object> claims = token.getClaims();
		String clientId = string(claims, "client_id");
		if (claims == null || clientId == null || !this.owners.isClientEnabled(clientId)) {
			return inactive(request, principal);
		}
		List<Map<String, Object>> visible = new ArrayList<>();
		for (Map<String, Object> permission : permissions(claims)) {
			String resourceId = string(permission, "resource_id");
			Optional<ResourceSet> resource = (resourceId != null) ? this.resources.findById(resourceId)
					: Optional.empty();
			if (resource.isEmpty() || !resource.get().holder().equals(caller.orgCode())) {
				continue;
			}
			if (!stillPermitted(authorization, claims, resource.get())) {
				this.authorizations.save(OAuth2Authorization.from(authorization).invalidate(token.getToken()).build());
				return inactive(request, principal);
			}
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("resource_id", resourceId);
			entry.put("resource_scopes", permission.get("resource_scopes"));
			entry.put("exp", token.getToken().getExpiresAt().getEpochSecond());
			visible.add(entry);
		}
		if (visible.isEmpty()) {
			return inactive(request, principal);
		}
		OAuth2TokenIntrospection.Builder response = OAuth2TokenIntrospection.builder(true)
			.clientId(clientId)
			.tokenType(OAuth2AccessToken.TokenType.BEARER.getValue())
			.issuedAt(token.getToken().getIssuedAt())
			.expiresAt(token.getToken().getExpiresAt())
			.claim(UmaRptTokenCustomizer.PERMISSIONS, visible);
		if (string(claims, "sub") != null) {
			response.subject(string(claims, "sub"));
		}
		if (claims.get("iss") != null) {
			response.issuer(claims.get("iss").toString());
		}
		copy(claims, response, "obligations");
		copy(claims, response, "break_glass");
		copy(claims, response, ClaimTokenVerifier.PURPOSE_OF_USE);
		copy(claims, response, ClaimTokenVerifier.PRACTITIONER_ROLE);
		copy(claims, response, ClaimTokenVerifier.PRACTITIONER_ID);
		copy(claims, response, "org_code");
		copy(claims, response, "org_type");
		OAuth2TokenIntrospectionAuthenticationToken result = new OAuth2TokenIntrospectionAuthenticationToken(
				request.getToken(), principal, response.build());
		result.setDetails(request.getDetails());
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * Decides the permission again, without counting it as an access; a deny is confirmed
	 * by an audited decision (which is the one that counts, should consent change in
	 * between).
	 */
	private boolean stillPermitted(OAuth2Authorization authorization, Map<String, Object> claims,
			ResourceSet resource) {
		DecisionQuery query = DecisionQuery.builder()
			.actor(AuditActor.client(string(claims, "org_code"), string(claims, "client_id"))
				.withOnBehalfOf(PractitionerClaims.onBehalfOf(string(claims, ClaimTokenVerifier.PRACTITIONER_ID))))
			.requester(string(claims, "org_code"), string(claims, "org_type"),
					string(claims, ClaimTokenVerifier.PRACTITIONER_ROLE))
			.subject(resource.subject().value())
			.holder(resource.holder())
			.category(resource.category().code())
			.purpose(string(claims, ClaimTokenVerifier.PURPOSE_OF_USE))
			.breakGlassReason(
					authorization.getAttribute(UmaTicketGrantAuthenticationProvider.BREAK_GLASS_REASON_ATTRIBUTE))
			.at(this.clock.instant())
			.correlationId("rpt:" + authorization.getId())
			.detail("resource_id", resource.id())
			.detail("via", "rpt-introspection")
			.build();
		try {
			Decision now = this.decisions.preview(query);
			if (now.isPermit()) {
				return true;
			}
			AuditedDecision confirmed = this.decisions.decide(query);
			return confirmed.isPermit();
		}
		catch (InvalidRequestException | DecisionNotAuditedException ex) {
			// Cannot be re-decided (or the deny cannot be audited): the RPT is not
			// honoured.
			return false;
		}
	}

	private Caller caller(Authentication principal) {
		if (principal instanceof JwtAuthenticationToken pat && pat.isAuthenticated()) {
			if (pat.getAuthorities().stream().noneMatch((a) -> PROTECTION_AUTHORITY.equals(a.getAuthority()))) {
				return new Caller(null, true);
			}
			Jwt jwt = pat.getToken();
			return new Caller(jwt.getClaimAsString("org_code"), true);
		}
		if (principal instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
				&& client.getRegisteredClient() != null) {
			String orgCode = this.owners.findByClientId(client.getRegisteredClient().getClientId())
				.filter(ClientOwner::enabled)
				.map(ClientOwner::orgCode)
				.orElse(null);
			boolean pat = UmaPatClientAuthenticationConverter.PAT_BEARER.equals(client.getClientAuthenticationMethod());
			return new Caller(orgCode, pat);
		}
		return null;
	}

	private static OAuth2TokenIntrospectionAuthenticationToken inactive(
			OAuth2TokenIntrospectionAuthenticationToken request, Authentication principal) {
		OAuth2TokenIntrospectionAuthenticationToken result = new OAuth2TokenIntrospectionAuthenticationToken(
				request.getToken(), principal, OAuth2TokenIntrospection.builder().build());
		result.setDetails(request.getDetails());
		return result;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> permissions(Map<String, Object> claims) {
		Object value = claims.get(UmaRptTokenCustomizer.PERMISSIONS);
		List<Map<String, Object>> permissions = new ArrayList<>();
		if (value instanceof List<?> list) {
			for (Object entry : list) {
				if (entry instanceof Map<?, ?> map) {
					permissions.add((Map<String, Object>) map);
				}
			}
		}
		return permissions;
	}

	private static void copy(Map<String, Object> claims, OAuth2TokenIntrospection.Builder response, String name) {
		Object value = claims.get(name);
		if (value != null) {
			response.claim(name, value);
		}
	}

	private static String string(Map<String, Object> map, String name) {
		Object value = (map != null) ? map.get(name) : null;
		return (value instanceof String text) ? text : null;
	}

	/**
	 * The introspecting organisation (null when not an agency) and whether it came with a
	 * PAT.
	 */
	private record Caller(String orgCode, boolean pat) {
	}

}
