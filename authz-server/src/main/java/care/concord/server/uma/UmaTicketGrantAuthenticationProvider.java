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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
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
 * The UMA grant (UMA Grant section 3.3): redeems a permission ticket for a requesting
 * party token (RPT).
 *
 * <ol>
 * <li>The client must be authenticated, hold scope {@code uma_authorization}, and belong
 * to an enabled agency (the requesting organisation: {@code org_code},
 * {@code org_type}).</li>
 * <li>The ticket is taken from the {@link PermissionTicketStore}: presenting it consumes
 * it. Unknown, expired or used tickets, and tickets whose resources are gone or are not
 * held by the resource server that asked for the ticket, are {@code invalid_grant}.</li>
 * <li>The claim token is verified ({@link ClaimTokenVerifier}); without
 * {@code purpose_of_use} and {@code practitioner_role} the answer is {@code need_info}
 * (403) with a new ticket for the same permissions and the {@code required_claims}.</li>
 * <li>With {@code rpt}, the presented RPT's permissions join the request
 * ({@link UmaRptUpgrade}). Every requested permission is decided by the
 * {@link ConsentDecisionService} (requester: the client's organisation; holder: the
 * resource's; subject and category: the resource's), and thereby audited.</li>
 * <li>At least one permit: a self-contained RPT with the permitted permissions
 * ({@link UmaRptTokenCustomizer}), whose authorization (not the token) is kept so that
 * introspection can find it, decide it again and revoke it; {@code "upgraded": true} when
 * it holds all of the presented RPT's permissions, which is then revoked. No permit:
 * {@code request_denied} (403) with the reasons.</li>
 * </ol>
 * A decision that could not be audited fails the whole request with
 * {@code temporarily_unavailable} (503): no RPT, but a fresh ticket for the same
 * permissions to retry with. Error bodies: {@link UmaGrantErrors}.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3">UMA
 * Grant section 3.3</a>
 */
public final class UmaTicketGrantAuthenticationProvider implements AuthenticationProvider {

	/** The scope a client needs to use the UMA grant (UMA Grant section 3.3.1). */
	public static final String UMA_AUTHORIZATION_SCOPE = "uma_authorization";

	/**
	 * Authorization attribute: the break-glass reason the RPT was granted with, for
	 * re-decisions.
	 */
	static final String BREAK_GLASS_REASON_ATTRIBUTE = "concord.uma.break_glass_reason";

	/**
	 * Counter of grant outcomes, tagged {@code outcome}: rpt, upgraded, need_info,
	 * request_denied, or the error.
	 */
	public static final String GRANTS_METRIC = "concord.uma.grants";

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

	private final UmaRptUpgrade upgrades;

	private MeterRegistry meters = Metrics.globalRegistry;

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
		this.upgrades = new UmaRptUpgrade(authorizations, resources, clock);
	}

	/**
	 * Where the grant outcomes are counted ({@value #GRANTS_METRIC}); Micrometer's global
	 * registry by default.
	 */
	public void setMeterRegistry(MeterRegistry meters) {
		Assert.notNull(meters, "meters cannot be null");
		this.meters = meters;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		try {
			OAuth2AccessTokenAuthenticationToken issued = grant((UmaTicketGrantAuthenticationToken) authentication);
			count(Boolean.TRUE.equals(issued.getAdditionalParameters().get(UmaRptUpgrade.UPGRADED_PARAMETER))
					? "upgraded" : "rpt");
			return issued;
		}
		catch (OAuth2AuthenticationException ex) {
			count(ex.getError().getErrorCode());
			throw ex;
		}
	}

	private OAuth2AccessTokenAuthenticationToken grant(UmaTicketGrantAuthenticationToken grant) {
		OAuth2ClientAuthenticationToken clientPrincipal = authenticatedClient(grant);
		RegisteredClient client = clientPrincipal.getRegisteredClient();
		Assert.state(client != null, "an authenticated client has a registered client");
		ClientOwner requester = requester(client);
		AuditActor actor = AuditActor.client(requester.orgCode(), client.getClientId());
		String ticketReference = PermissionTicketValues.reference(grant.getTicket());

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
		OAuth2Authorization presented = presentedRpt(grant, client, actor, ticketReference);
		if (presented != null) {
			this.upgrades.carryOver(presented, requested, held);
		}
		List<UmaPermission> granted = new ArrayList<>();
		Set<String> obligations = new TreeSet<>();
		boolean breakGlass = false;
		Map<String, String> denied = new LinkedHashMap<>();
		for (UmaPermission permission : requested) {
			ResourceSet resource = held.get(permission.resourceId());
			AuditedDecision decision = decide(practitioner, requester, resource, claims, ticket, ticketReference);
			if (decision.isPermit()) {
				granted.add(permission);
				decision.decision().obligations().stream().map(Obligation::code).forEach(obligations::add);
				breakGlass |= decision.decision().reason() == Reason.BREAK_GLASS;
			}
			else {
				denied.put(permission.resourceId(), decision.decision().reason().code());
			}
		}
		if (granted.isEmpty()) {
			throw UmaGrantErrors.requestDenied(denied);
		}
		UmaGrantedPermissions permissions = new UmaGrantedPermissions(granted, obligations, breakGlass,
				claims.purposeOfUse(), claims.practitionerRole(),
				PractitionerClaims.onBehalfOf(claims.practitionerId()));
		boolean upgraded = presented != null && this.upgrades.completes(presented, granted);
		OAuth2AccessTokenAuthenticationToken issued = issueRpt(grant.withGrantedPermissions(permissions),
				clientPrincipal, client, claims, upgraded);
		if (upgraded) {
			this.upgrades.replace(presented);
		}
		return issued;
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
			throw UmaGrantErrors.error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"the client is not registered with scope " + UMA_AUTHORIZATION_SCOPE);
		}
		Optional<ClientOwner> owner = this.owners.findByClientId(client.getClientId());
		if (owner.isEmpty() || !owner.get().enabled()) {
			throw UmaGrantErrors.error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"only enabled agencies' clients may use the UMA grant");
		}
		return owner.get();
	}

	/**
	 * The ticket's resources, each of which must still exist and be held by the ticket's
	 * resource server.
	 */
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

	private OAuth2Authorization presentedRpt(UmaTicketGrantAuthenticationToken grant, RegisteredClient client,
			AuditActor actor, String ticketReference) {
		try {
			return this.upgrades.presented(grant, client).orElse(null);
		}
		catch (OAuth2AuthenticationException ex) {
			throw refused(actor, ticketReference, ex.getError().getErrorCode(), ex.getError().getDescription());
		}
	}

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
		String next = reissue(ticket);
		try {
			audit(AuditEventType.REFUSED, actor, ticketReference, "need-info",
					"More claims are needed before the request can be decided: " + String.join(", ", missing) + ".",
					Map.of("next_ticket", PermissionTicketValues.reference(next)));
		}
		catch (RuntimeException ex) {
			return UmaGrantErrors.temporarilyUnavailable(next);
		}
		return UmaGrantErrors.needInfo(next, missing);
	}

	/**
	 * A new ticket for the same permissions, valid for the configured ticket lifetime
	 * from now.
	 */
	private String reissue(PermissionTicket ticket) {
		Instant now = this.clock.instant();
		return this.tickets.issue(new PermissionTicket(ticket.resourceServer(), ticket.resourceServerClientId(),
				ticket.permissions(), now, now.plus(this.properties.ticketTtl())));
	}

	private AuditedDecision decide(AuditActor actor, ClientOwner requester, ResourceSet resource,
			PractitionerClaims claims, PermissionTicket ticket, String ticketReference) {
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
			throw UmaGrantErrors.error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token: " + ex.getMessage());
		}
		catch (DecisionNotAuditedException ex) {
			throw UmaGrantErrors.temporarilyUnavailable(retryTicket(ticket));
		}
	}

	/** The ticket to retry with after a 503, or null when none could be issued either. */
	private String retryTicket(PermissionTicket ticket) {
		try {
			return reissue(ticket);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private OAuth2AccessTokenAuthenticationToken issueRpt(UmaTicketGrantAuthenticationToken grant,
			OAuth2ClientAuthenticationToken clientPrincipal, RegisteredClient client, PractitionerClaims claims,
			boolean upgraded) {
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
			throw UmaGrantErrors.error(OAuth2ErrorCodes.SERVER_ERROR,
					"the RPT could not be generated: the client's access tokens must be self-contained");
		}
		OAuth2AccessToken rpt = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, jwt.getTokenValue(),
				jwt.getIssuedAt(), jwt.getExpiresAt(), Set.of());
		OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
			.principalName(clientPrincipal.getName())
			.authorizationGrantType(UmaTicketGrantAuthenticationToken.UMA_TICKET)
			.authorizedScopes(new LinkedHashSet<>())
			.token(rpt, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()));
		if (claims.breakGlassReason() != null) {
			authorization.attribute(BREAK_GLASS_REASON_ATTRIBUTE, claims.breakGlassReason());
		}
		this.authorizations.save(authorization.build());
		Map<String, Object> parameters = upgraded ? Map.of(UmaRptUpgrade.UPGRADED_PARAMETER, true) : Map.of();
		return new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, rpt, null, parameters);
	}

	private OAuth2AuthenticationException refused(AuditActor actor, String ticketReference, String code,
			String description) {
		try {
			audit(AuditEventType.REFUSED, actor, ticketReference, code.replace('_', '-'), "Refused: " + description,
					Map.of());
		}
		catch (RuntimeException ex) {
			return UmaGrantErrors.temporarilyUnavailable(null);
		}
		return UmaGrantErrors.error(code, description);
	}

	private void audit(AuditEventType type, AuditActor actor, String ticketReference, String code, String explanation,
			Map<String, String> details) {
		AuditEvent.Builder event = AuditEvent.builder(type, actor)
			.error(code)
			.explanation(explanation)
			.correlationId(ticketReference)
			.detail("via", "uma-grant");
		details.forEach(event::detail);
		this.auditLog.append(event.build());
	}

	private void count(String outcome) {
		this.meters.counter(GRANTS_METRIC, "outcome", outcome).increment();
	}

}
