package care.concord.server.uma;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import care.concord.policy.decision.Obligation;
import care.concord.policy.decision.Reason;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.decision.AuditedDecision;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.decision.DecisionNotAuditedException;
import care.concord.server.decision.DecisionQuery;
import care.concord.server.oauth.ClientOwner;
import care.concord.server.oauth.ClientOwnerDirectory;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.util.Assert;

/**
 * The UMA grant (UMA Grant section 3.3): redeems a permission ticket for a requesting party token (RPT).
 *
 * <ol>
 * <li>The client must be authenticated, hold scope {@code uma_authorization}, and belong to an enabled agency
 * (the requesting organisation: {@code org_code}, {@code org_type}).</li>
 * <li>The ticket is taken from the {@link PermissionTicketStore}: presenting it consumes it. Unknown, expired or
 * used tickets, and tickets whose resources are gone or are not held by the resource server that asked for the
 * ticket, are {@code invalid_grant}.</li>
 * <li>The claim token is verified ({@link ClaimTokenVerifier}); without {@code purpose_of_use} and
 * {@code practitioner_role} the answer is {@code need_info} (403) with a new ticket for the same permissions and
 * the {@code required_claims}.</li>
 * <li>Every requested permission is decided by the {@link ConsentDecisionService} (requester: the client's
 * organisation; holder: the resource's; subject and category: the resource's), and thereby audited.</li>
 * <li>At least one permit: an RPT with the permitted permissions ({@link UmaRptTokenCustomizer}), stored in the
 * authorization service so that introspection can re-decide it. No permit: {@code request_denied} (403) with the
 * reasons.</li>
 * </ol>
 * A decision that could not be audited fails the whole request with {@code temporarily_unavailable} (503): no RPT.
 *
 * @see <a href="https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3">UMA Grant
 * section 3.3</a>
 */
public final class UmaTicketGrantAuthenticationProvider implements AuthenticationProvider {

	/** The scope a client needs to use the UMA grant (UMA Grant section 3.3.1). */
	public static final String UMA_AUTHORIZATION_SCOPE = "uma_authorization";

	/** Authorization attribute: the break-glass reason the RPT was granted with, for re-decisions. */
	static final String BREAK_GLASS_REASON_ATTRIBUTE = "concord.uma.break_glass_reason";

	private static final String ERROR_URI = "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.6";

	private final PermissionTicketStore tickets;

	private final ResourceSetRepository resources;

	private final ClaimTokenVerifier claimTokens;

	private final ConsentDecisionService decisions;

	private final ClientOwnerDirectory owners;

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2TokenGenerator<Jwt> tokenGenerator;

	private final AuditLog auditLog;

	private final UmaProperties properties;

	private final Clock clock;

	public UmaTicketGrantAuthenticationProvider(PermissionTicketStore tickets, ResourceSetRepository resources,
			ClaimTokenVerifier claimTokens, ConsentDecisionService decisions, ClientOwnerDirectory owners,
			OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<Jwt> tokenGenerator, AuditLog auditLog,
			UmaProperties properties, Clock clock) {
		Assert.notNull(tickets, "tickets cannot be null");
		Assert.notNull(resources, "resources cannot be null");
		Assert.notNull(claimTokens, "claimTokens cannot be null");
		Assert.notNull(decisions, "decisions cannot be null");
		Assert.notNull(owners, "owners cannot be null");
		Assert.notNull(authorizations, "authorizations cannot be null");
		Assert.notNull(tokenGenerator, "tokenGenerator cannot be null");
		Assert.notNull(auditLog, "auditLog cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.tickets = tickets;
		this.resources = resources;
		this.claimTokens = claimTokens;
		this.decisions = decisions;
		this.owners = owners;
		this.authorizations = authorizations;
		this.tokenGenerator = tokenGenerator;
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		UmaTicketGrantAuthenticationToken grant = (UmaTicketGrantAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken clientPrincipal = authenticatedClient(grant);
		RegisteredClient client = clientPrincipal.getRegisteredClient();
		Assert.state(client != null, "an authenticated client has a registered client");
		ClientOwner requester = requester(client);
		AuditActor actor = AuditActor.client(requester.orgCode(), client.getClientId());
		String ticketReference = JdbcPermissionTicketStore.reference(grant.getTicket());

		PermissionTicket ticket = this.tickets.take(grant.getTicket())
			.orElseThrow(() -> refused(actor, ticketReference, OAuth2ErrorCodes.INVALID_GRANT,
					"the permission ticket is unknown, expired or already used"));
		Map<String, ResourceSet> held = resources(ticket, actor, ticketReference);

		PractitionerClaims claims = claims(grant, client, actor, ticketReference);
		List<String> missing = claims.missingRequiredClaims();
		if (!missing.isEmpty()) {
			throw needInfo(ticket, missing, actor, ticketReference);
		}

		AuditActor practitioner = actor.withOnBehalfOf(PractitionerClaims.onBehalfOf(claims.practitionerId()));
		List<UmaPermission> requested = new ArrayList<>(ticket.permissions());
		OAuth2Authorization upgraded = upgradedRpt(grant, client, actor, ticketReference, requested, held);
		List<UmaPermission> granted = new ArrayList<>();
		Set<String> obligations = new TreeSet<>();
		boolean breakGlass = false;
		List<Map<String, Object>> reasons = new ArrayList<>();
		for (UmaPermission permission : requested) {
			ResourceSet resource = held.get(permission.resourceId());
			AuditedDecision decision = decide(practitioner, requester, resource, claims, ticketReference);
			if (decision.isPermit()) {
				granted.add(permission);
				decision.decision().obligations().stream().map(Obligation::code).forEach(obligations::add);
				breakGlass |= decision.decision().reason() == Reason.BREAK_GLASS;
			}
			else {
				Map<String, Object> reason = new LinkedHashMap<>();
				reason.put("resource_id", permission.resourceId());
				reason.put("reason", decision.decision().reason().code());
				reasons.add(reason);
			}
		}
		if (granted.isEmpty()) {
			throw new UmaGrantException(new OAuth2Error("request_denied",
					"the citizen's consent does not permit any of the requested permissions", ERROR_URI),
					HttpStatus.FORBIDDEN, Map.of("concord_reasons", reasons));
		}
		UmaGrantedPermissions permissions = new UmaGrantedPermissions(granted, obligations, breakGlass,
				claims.purposeOfUse(), claims.practitionerRole(),
				PractitionerClaims.onBehalfOf(claims.practitionerId()));
		Authentication issued = issueRpt(grant.withGrantedPermissions(permissions), clientPrincipal, client, claims);
		if (upgraded != null) {
			// the upgraded RPT replaces the one presented: one live RPT per upgrade chain
			this.authorizations.save(OAuth2Authorization.from(upgraded).invalidate(upgraded.getAccessToken().getToken()).build());
		}
		return issued;
	}

	/**
	 * RPT upgrade (UMA 2.0 Grant section 3.3.1, parameter {@code rpt}): the client presents an RPT it holds with a
	 * new ticket, and the new RPT carries the permissions of both. The presented RPT must be this client's, active
	 * and an RPT; its permissions not in the ticket are added to {@code requested} (and their resources to
	 * {@code held}) and decided again with this request's claims, like the ticket's, so none is carried over
	 * without a fresh, audited decision. The presented RPT is revoked once the new one is issued.
	 * @return the presented RPT's authorization, or null without {@code rpt}
	 */
	private OAuth2Authorization upgradedRpt(UmaTicketGrantAuthenticationToken grant, RegisteredClient client,
			AuditActor actor, String ticketReference, List<UmaPermission> requested, Map<String, ResourceSet> held) {
		Object value = grant.getAdditionalParameters().get(RPT_PARAMETER);
		if (value == null) {
			return null;
		}
		OAuth2Authorization previous = (value instanceof String rpt && !rpt.isBlank())
				? this.authorizations.findByToken(rpt, OAuth2TokenType.ACCESS_TOKEN) : null;
		if (previous == null || previous.getAccessToken() == null || !previous.getAccessToken().isActive()
				|| !UmaTicketGrantAuthenticationToken.UMA_TICKET.equals(previous.getAuthorizationGrantType())
				|| !client.getId().equals(previous.getRegisteredClientId())) {
			throw refused(actor, ticketReference, OAuth2ErrorCodes.INVALID_GRANT,
					"the rpt to upgrade is unknown, expired, revoked, not an RPT or not this client's");
		}
		Set<String> present = new java.util.HashSet<>();
		requested.forEach((permission) -> present.add(permission.resourceId()));
		Object listed = previous.getAccessToken().getClaims().get(UmaRptTokenCustomizer.PERMISSIONS);
		if (listed instanceof List<?> entries) {
			for (Object entry : entries) {
				if (!(entry instanceof Map<?, ?> permission) || !(permission.get("resource_id") instanceof String id)
						|| !present.add(id)) {
					continue;
				}
				ResourceSet resource = this.resources.findById(id).orElse(null);
				if (resource == null) {
					continue; // deleted since: nothing to carry over
				}
				held.put(id, resource);
				requested.add(new UmaPermission(id, Set.of(ResourceDescription.READ)));
			}
		}
		return previous;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UmaTicketGrantAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static OAuth2ClientAuthenticationToken authenticatedClient(Authentication grant) {
		if (grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()) {
			return client;
		}
		throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
	}

	private ClientOwner requester(RegisteredClient client) {
		if (!client.getScopes().contains(UMA_AUTHORIZATION_SCOPE)) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"the client is not registered with scope " + UMA_AUTHORIZATION_SCOPE, ERROR_URI));
		}
		Optional<ClientOwner> owner = this.owners.findByClientId(client.getClientId());
		if (owner.isEmpty() || !owner.get().enabled()) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"only enabled agencies' clients may use the UMA grant", ERROR_URI));
		}
		return owner.get();
	}

	/** The ticket's resources, each of which must still exist and be held by the ticket's resource server. */
	private Map<String, ResourceSet> resources(PermissionTicket ticket, AuditActor actor, String ticketReference) {
		Map<String, ResourceSet> held = new LinkedHashMap<>();
		for (UmaPermission permission : ticket.permissions()) {
			ResourceSet resource = this.resources.findById(permission.resourceId()).orElse(null);
			if (resource == null || !resource.holder().equals(ticket.resourceServer())) {
				throw refused(actor, ticketReference, OAuth2ErrorCodes.INVALID_GRANT,
						"the permission ticket names a resource that its resource server does not hold");
			}
			if (!resource.scopes().containsAll(permission.scopes())) {
				throw refused(actor, ticketReference, OAuth2ErrorCodes.INVALID_GRANT,
						"the permission ticket names scopes the resource is no longer registered with");
			}
			held.put(resource.id(), resource);
		}
		return held;
	}

	/** The token request parameter of an RPT upgrade. */
	static final String RPT_PARAMETER = "rpt";

	private PractitionerClaims claims(UmaTicketGrantAuthenticationToken grant, RegisteredClient client,
			AuditActor actor, String ticketReference) {
		if (grant.getClaimToken() == null) {
			return PractitionerClaims.NONE;
		}
		try {
			PractitionerClaims claims = this.claimTokens.verify(client, grant.getClaimTokenFormat(),
					grant.getClaimToken(), audiences(), grant.getAdditionalParameters());
			if (claims.organisation() != null && !claims.organisation().equals(actor.agency())) {
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
						"the practitioner's selected role is at another organisation than the requesting agency",
						null));
			}
			return claims;
		}
		catch (OAuth2AuthenticationException ex) {
			throw refused(actor, ticketReference, ex.getError().getErrorCode(), ex.getError().getDescription());
		}
	}

	private List<String> audiences() {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		List<String> audiences = new ArrayList<>();
		if (context != null) {
			audiences.add(context.getIssuer());
			audiences.add(context.getIssuer() + context.getAuthorizationServerSettings().getTokenEndpoint());
		}
		return audiences;
	}

	private UmaGrantException needInfo(PermissionTicket ticket, List<String> missing, AuditActor actor,
			String ticketReference) {
		Instant now = this.clock.instant();
		String next = this.tickets.issue(new PermissionTicket(ticket.resourceServer(), ticket.resourceServerClientId(),
				ticket.permissions(), now, now.plus(this.properties.ticketTtl())));
		audit(AuditEventType.REFUSED, actor, ticketReference, "need-info",
				"More claims are needed before the request can be decided: " + String.join(", ", missing) + ".",
				Map.of("next_ticket", JdbcPermissionTicketStore.reference(next)));
		List<Map<String, Object>> required = new ArrayList<>();
		for (String name : missing) {
			Map<String, Object> claim = new LinkedHashMap<>();
			claim.put("name", name);
			claim.put("friendly_name", ClaimTokenVerifier.PURPOSE_OF_USE.equals(name) ? "Purpose of use"
					: "Practitioner role");
			claim.put("claim_type", "https://concord.care/claims/" + name);
			claim.put("claim_token_format", new ArrayList<>(ClaimTokenVerifier.FORMATS));
			required.add(claim);
		}
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("ticket", next);
		members.put("required_claims", required);
		return new UmaGrantException(new OAuth2Error("need_info",
				"the claim token must state " + String.join(" and ", missing), ERROR_URI), HttpStatus.FORBIDDEN,
				members);
	}

	private AuditedDecision decide(AuditActor actor, ClientOwner requester, ResourceSet resource,
			PractitionerClaims claims, String ticketReference) {
		DecisionQuery query = DecisionQuery.builder()
			.actor(actor)
			.requester(requester.orgCode(), requester.orgType(), claims.practitionerRole())
			.subject(resource.subject().value())
			.holder(resource.holder())
			.category(resource.category().code())
			.purpose(claims.purposeOfUse())
			.breakGlassReason(claims.breakGlassReason())
			.correlationId(ticketReference)
			.detail("resource_id", resource.id())
			.detail("via", "uma-grant")
			.build();
		try {
			return this.decisions.decide(query);
		}
		catch (InvalidRequestException ex) {
			// audited as an error by the decision service
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token: " + ex.getMessage(), ERROR_URI));
		}
		catch (DecisionNotAuditedException ex) {
			throw serverError();
		}
	}

	private Authentication issueRpt(UmaTicketGrantAuthenticationToken grant,
			OAuth2ClientAuthenticationToken clientPrincipal, RegisteredClient client, PractitionerClaims claims) {
		OAuth2TokenContext context = DefaultOAuth2TokenContext.builder()
			.registeredClient(client)
			.principal(clientPrincipal)
			.authorizationServerContext(AuthorizationServerContextHolder.getContext())
			.authorizedScopes(Set.of())
			.tokenType(OAuth2TokenType.ACCESS_TOKEN)
			.authorizationGrantType(UmaTicketGrantAuthenticationToken.UMA_TICKET)
			.authorizationGrant(grant)
			.build();
		Jwt jwt = this.tokenGenerator.generate(context);
		if (jwt == null) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
					"the RPT could not be generated: the client's access tokens must be self-contained", ERROR_URI));
		}
		OAuth2AccessToken rpt = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, jwt.getTokenValue(),
				jwt.getIssuedAt(), jwt.getExpiresAt(), Set.of());
		OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
			.principalName(clientPrincipal.getName())
			.authorizationGrantType(grantType())
			.authorizedScopes(new LinkedHashSet<>())
			.token(rpt, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()));
		if (claims.breakGlassReason() != null) {
			authorization.attribute(BREAK_GLASS_REASON_ATTRIBUTE, claims.breakGlassReason());
		}
		this.authorizations.save(authorization.build());
		return new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, rpt, null, Map.of());
	}

	private static AuthorizationGrantType grantType() {
		return UmaTicketGrantAuthenticationToken.UMA_TICKET;
	}

	private OAuth2AuthenticationException refused(AuditActor actor, String ticketReference, String code,
			String description) {
		try {
			audit(AuditEventType.REFUSED, actor, ticketReference, code.replace('_', '-'), "Refused: " + description,
					Map.of());
		}
		catch (RuntimeException ex) {
			return serverError();
		}
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI));
	}

	private void audit(AuditEventType type, AuditActor actor, String ticketReference, String code, String explanation,
			Map<String, String> details) {
		AuditEvent.Builder event = AuditEvent.builder(type, actor)
			.error(code)
			.explanation(explanation)
			.correlationId(ticketReference)
			.detail("via", "uma-grant");
		details.forEach(event::detail);
		try {
			this.auditLog.append(event.build());
		}
		catch (RuntimeException ex) {
			throw serverError();
		}
	}

	private static UmaGrantException serverError() {
		// Fail closed, and say it may be retried: the audit log was unreachable, not the request wrong.
		return new UmaGrantException(new OAuth2Error(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE,
				"the request could not be audited, so it was refused; retry later", ERROR_URI),
				HttpStatus.SERVICE_UNAVAILABLE, Map.of());
	}

}
