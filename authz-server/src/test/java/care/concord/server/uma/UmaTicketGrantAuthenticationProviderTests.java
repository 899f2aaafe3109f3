package care.concord.server.uma;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.decision.Decision;
import care.concord.policy.decision.Reason;
import care.concord.policy.request.Category;
import care.concord.server.TestNhsNumbers;
import care.concord.server.audit.AuditLog;
import care.concord.server.decision.AuditedDecision;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.decision.DecisionNotAuditedException;
import care.concord.server.decision.DecisionQuery;
import care.concord.server.oauth.ClientOwner;
import care.concord.server.oauth.ClientOwnerDirectory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The UMA grant provider alone, its collaborators mocked (in the style of Spring
 * Authorization Server's provider tests); {@link UmaGrantTests} runs the same grant
 * through the whole server.
 */
class UmaTicketGrantAuthenticationProviderTests {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private static final String TICKET = "ticket-1";

	private final PermissionTicketStore tickets = mock(PermissionTicketStore.class);

	private final ResourceSetRepository resources = mock(ResourceSetRepository.class);

	private final ClaimTokenVerifier claimTokens = mock(ClaimTokenVerifier.class);

	private final ConsentDecisionService decisions = mock(ConsentDecisionService.class);

	private final ClientOwnerDirectory owners = mock(ClientOwnerDirectory.class);

	private final OAuth2AuthorizationService authorizations = mock(OAuth2AuthorizationService.class);

	@SuppressWarnings("unchecked")
	private final OAuth2TokenGenerator<Jwt> tokenGenerator = mock(OAuth2TokenGenerator.class);

	private final AuditLog auditLog = mock(AuditLog.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final NhsNumber citizen = NhsNumber.parse(TestNhsNumbers.next());

	private final RegisteredClient client = RegisteredClient.withId("registered-gp")
		.clientId("gp-client")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(UmaTicketGrantAuthenticationToken.UMA_TICKET)
		.scope(UmaTicketGrantAuthenticationProvider.UMA_AUTHORIZATION_SCOPE)
		.build();

	private UmaTicketGrantAuthenticationProvider provider;

	@BeforeEach
	void setUp() {
		this.provider = new UmaTicketGrantAuthenticationProvider(this.tickets, this.resources, this.claimTokens,
				this.decisions, this.owners, this.authorizations, this.tokenGenerator, this.auditLog,
				new UmaProperties(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10), 20, "auto",
						50000),
				Clock.fixed(NOW, ZoneOffset.UTC));
		this.provider.setMeterRegistry(this.meters);
		AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
			@Override
			public String getIssuer() {
				return "https://concord.test";
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return AuthorizationServerSettings.builder().build();
			}
		});
		given(this.owners.findByClientId("gp-client")).willReturn(Optional.of(new ClientOwner("A81001", "gp", true)));
		given(this.tokenGenerator.generate(any())).willAnswer((invocation) -> jwt("new-rpt"));
		given(this.tickets.issue(any())).willReturn("ticket-2");
	}

	@AfterEach
	void resetContext() {
		AuthorizationServerContextHolder.resetContext();
	}

	@Test
	void supportsWhenUmaTicketGrantThenTrue() {
		assertThat(this.provider.supports(UmaTicketGrantAuthenticationToken.class)).isTrue();
		assertThat(this.provider.supports(OAuth2ClientAuthenticationToken.class)).isFalse();
	}

	@Test
	void authenticateWhenClientNotAuthenticatedThenInvalidClient() {
		OAuth2ClientAuthenticationToken unauthenticated = new OAuth2ClientAuthenticationToken("gp-client",
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, "secret", null);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.provider.authenticate(grant(unauthenticated, Map.of())))
			.extracting((ex) -> ex.getError().getErrorCode())
			.isEqualTo("invalid_client");
		verify(this.tickets, never()).take(anyString());
	}

	@Test
	void authenticateWhenClientLacksUmaAuthorizationScopeThenUnauthorizedClient() {
		RegisteredClient other = RegisteredClient.from(this.client).scopes(Set::clear).scope("decision").build();
		OAuth2ClientAuthenticationToken principal = new OAuth2ClientAuthenticationToken(other,
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, "secret");
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.provider.authenticate(grant(principal, Map.of())))
			.extracting((ex) -> ex.getError().getErrorCode())
			.isEqualTo("unauthorized_client");
	}

	@Test
	void authenticateWhenTicketUnknownThenInvalidGrantAndRefusalAudited() {
		given(this.tickets.take(TICKET)).willReturn(Optional.empty());
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.provider.authenticate(grant(Map.of())))
			.extracting((ex) -> ex.getError().getErrorCode())
			.isEqualTo("invalid_grant");
		verify(this.auditLog).append(any());
		assertThat(this.meters.counter(UmaTicketGrantAuthenticationProvider.GRANTS_METRIC, "outcome", "invalid_grant")
			.count()).isEqualTo(1);
	}

	@Test
	void authenticateWhenClaimsMissingThenNeedInfoWithNewTicketForTheSamePermissions() {
		ticket("r-1");
		given(this.claimTokens.verify(any(), any(), any(), any(), any()))
			.willReturn(new PractitionerClaims(null, "clinician", "P-1", null));
		UmaGrantException ex = (UmaGrantException) org.assertj.core.api.Assertions
			.catchThrowable(() -> this.provider.authenticate(grant(Map.of())));
		assertThat(ex.getError().getErrorCode()).isEqualTo("need_info");
		assertThat(ex.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(ex.getMembers()).containsEntry("ticket", "ticket-2").containsKey("required_claims");
		ArgumentCaptor<PermissionTicket> issued = ArgumentCaptor.forClass(PermissionTicket.class);
		verify(this.tickets).issue(issued.capture());
		assertThat(issued.getValue().permissions()).extracting(UmaPermission::resourceId).containsExactly("r-1");
		assertThat(issued.getValue().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
		verify(this.decisions, never()).decide(any());
	}

	@Test
	void authenticateWhenEveryPermissionDeniedThenRequestDeniedWithReasons() {
		ticket("r-1");
		claims();
		AuditedDecision deny = decision(false, Reason.NO_LEGITIMATE_RELATIONSHIP);
		given(this.decisions.decide(any())).willReturn(deny);
		UmaGrantException ex = (UmaGrantException) org.assertj.core.api.Assertions
			.catchThrowable(() -> this.provider.authenticate(grant(Map.of())));
		assertThat(ex.getError().getErrorCode()).isEqualTo("request_denied");
		assertThat(ex.getMembers().get("concord_reasons"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly(Map.of("resource_id", "r-1", "reason", Reason.NO_LEGITIMATE_RELATIONSHIP.code()));
		verify(this.authorizations, never()).save(any());
	}

	@Test
	void authenticateWhenPermittedThenRptIssuedAndItsAuthorizationSaved() {
		ticket("r-1");
		claims();
		AuditedDecision permit = decision(true, Reason.IMPLIED_CONSENT);
		given(this.decisions.decide(any())).willReturn(permit);
		OAuth2AccessTokenAuthenticationToken issued = (OAuth2AccessTokenAuthenticationToken) this.provider
			.authenticate(grant(Map.of()));
		assertThat(issued.getAccessToken().getTokenValue()).isEqualTo("new-rpt");
		assertThat(issued.getAdditionalParameters()).doesNotContainKey("upgraded");
		ArgumentCaptor<OAuth2TokenContext> context = ArgumentCaptor.forClass(OAuth2TokenContext.class);
		verify(this.tokenGenerator).generate(context.capture());
		UmaTicketGrantAuthenticationToken decided = context.getValue().getAuthorizationGrant();
		assertThat(decided.getGrantedPermissions().permissions()).extracting(UmaPermission::resourceId)
			.containsExactly("r-1");
		ArgumentCaptor<DecisionQuery> query = ArgumentCaptor.forClass(DecisionQuery.class);
		verify(this.decisions).decide(query.capture());
		assertThat(query.getValue().getCorrelationId()).isEqualTo(PermissionTicketValues.reference(TICKET));
		verify(this.authorizations).save(any());
		assertThat(this.meters.counter(UmaTicketGrantAuthenticationProvider.GRANTS_METRIC, "outcome", "rpt").count())
			.isEqualTo(1);
	}

	@Test
	void authenticateWhenDecisionNotAuditedThenTemporarilyUnavailableWithAFreshTicket() {
		ticket("r-1");
		claims();
		given(this.decisions.decide(any()))
			.willThrow(new DecisionNotAuditedException("down", new IllegalStateException("down")));
		UmaGrantException ex = (UmaGrantException) org.assertj.core.api.Assertions
			.catchThrowable(() -> this.provider.authenticate(grant(Map.of())));
		assertThat(ex.getError().getErrorCode()).isEqualTo("temporarily_unavailable");
		assertThat(ex.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(ex.getMembers()).containsEntry("ticket", "ticket-2");
		verify(this.tokenGenerator, never()).generate(any());
	}

	@Test
	void authenticateWhenRptPresentedAndAllItsPermissionsPermittedThenUpgradedAndPresentedRevoked() {
		ticket("r-1");
		claims();
		OAuth2Authorization presented = presentedRpt("old-rpt", "r-0");
		resource("r-0");
		AuditedDecision permit = decision(true, Reason.IMPLIED_CONSENT);
		given(this.decisions.decide(any())).willReturn(permit);
		OAuth2AccessTokenAuthenticationToken issued = (OAuth2AccessTokenAuthenticationToken) this.provider
			.authenticate(grant(Map.of("rpt", "old-rpt")));
		assertThat(issued.getAdditionalParameters()).containsEntry("upgraded", true);
		verify(this.decisions, times(2)).decide(any());
		ArgumentCaptor<OAuth2Authorization> saved = ArgumentCaptor.forClass(OAuth2Authorization.class);
		verify(this.authorizations, times(2)).save(saved.capture());
		OAuth2Authorization revoked = saved.getAllValues().get(1);
		assertThat(revoked.getId()).isEqualTo(presented.getId());
		assertThat(revoked.getAccessToken().isInvalidated()).isTrue();
	}

	@Test
	void authenticateWhenPresentedRptPermissionNowDeniedThenNotUpgradedAndPresentedKept() {
		ticket("r-1");
		claims();
		presentedRpt("old-rpt", "r-0");
		resource("r-0");
		AuditedDecision deny = decision(false, Reason.NO_LEGITIMATE_RELATIONSHIP);
		AuditedDecision permit = decision(true, Reason.IMPLIED_CONSENT);
		given(this.decisions.decide(any())).willAnswer((invocation) -> {
			DecisionQuery query = invocation.getArgument(0);
			return query.getDetails().get("resource_id").equals("r-0") ? deny : permit;
		});
		OAuth2AccessTokenAuthenticationToken issued = (OAuth2AccessTokenAuthenticationToken) this.provider
			.authenticate(grant(Map.of("rpt", "old-rpt")));
		assertThat(issued.getAdditionalParameters()).doesNotContainKey("upgraded");
		verify(this.authorizations, times(1)).save(any());
	}

	@Test
	void authenticateWhenPresentedRptIsAnotherClientsThenInvalidGrant() {
		ticket("r-1");
		claims();
		RegisteredClient other = RegisteredClient.from(this.client).id("registered-other").build();
		OAuth2Authorization theirs = rptAuthorization(other, "their-rpt", "r-0");
		given(this.authorizations.findByToken("their-rpt", OAuth2TokenType.ACCESS_TOKEN)).willReturn(theirs);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.provider.authenticate(grant(Map.of("rpt", "their-rpt"))))
			.extracting((ex) -> ex.getError().getErrorCode())
			.isEqualTo("invalid_grant");
		verify(this.decisions, never()).decide(any());
	}

	@Test
	void authenticateWhenPresentedRptExpiredByTheServersClockThenInvalidGrant() {
		ticket("r-1");
		claims();
		// expired a second before the server's clock (the upgrade tests above present
		// RPTs
		// valid by that clock and expired by the JVM's, which must be accepted)
		OAuth2AccessToken expired = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "old-rpt",
				NOW.minusSeconds(3600), NOW.minusSeconds(1));
		OAuth2Authorization presented = OAuth2Authorization.from(rptAuthorization(this.client, "old-rpt", "r-0"))
			.token(expired)
			.build();
		given(this.authorizations.findByToken("old-rpt", OAuth2TokenType.ACCESS_TOKEN)).willReturn(presented);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.provider.authenticate(grant(Map.of("rpt", "old-rpt"))))
			.extracting((ex) -> ex.getError().getErrorCode())
			.isEqualTo("invalid_grant");
		verify(this.decisions, never()).decide(any());
	}

	private UmaTicketGrantAuthenticationToken grant(Map<String, Object> parameters) {
		return grant(new OAuth2ClientAuthenticationToken(this.client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
				"secret"), parameters);
	}

	private static UmaTicketGrantAuthenticationToken grant(OAuth2ClientAuthenticationToken principal,
			Map<String, Object> parameters) {
		return new UmaTicketGrantAuthenticationToken(TICKET, "claims", ClaimTokenVerifier.PRACTITIONER_CLAIMS,
				principal, parameters);
	}

	private void ticket(String resourceId) {
		resource(resourceId);
		given(this.tickets.take(TICKET)).willReturn(Optional.of(new PermissionTicket("RR8", "rs-client",
				List.of(new UmaPermission(resourceId, Set.of(ResourceDescription.READ))), NOW.minusSeconds(10),
				NOW.plusSeconds(290))));
	}

	private void resource(String id) {
		given(this.resources.findById(id))
			.willReturn(Optional.of(new ResourceSet(id, "RR8", "acute-trust", "rs-client", this.citizen, "Medications",
					Category.MEDICATIONS, List.of(ResourceDescription.READ), null, null, NOW, NOW)));
	}

	private void claims() {
		given(this.claimTokens.verify(any(), any(), any(), any(), any()))
			.willReturn(new PractitionerClaims("TREAT", "clinician", "P-1", null));
	}

	private OAuth2Authorization presentedRpt(String token, String resourceId) {
		OAuth2Authorization authorization = rptAuthorization(this.client, token, resourceId);
		given(this.authorizations.findByToken(eq(token), eq(OAuth2TokenType.ACCESS_TOKEN))).willReturn(authorization);
		return authorization;
	}

	private static OAuth2Authorization rptAuthorization(RegisteredClient client, String token, String resourceId) {
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token,
				NOW.minusSeconds(60), NOW.plusSeconds(3600));
		Map<String, Object> claims = Map.of(UmaRptTokenCustomizer.PERMISSIONS,
				List.of(Map.of("resource_id", resourceId, "resource_scopes", List.of("read"))));
		return OAuth2Authorization.withRegisteredClient(client)
			.id("authorization-" + token)
			.principalName(client.getClientId())
			.authorizationGrantType(UmaTicketGrantAuthenticationToken.UMA_TICKET)
			.token(accessToken, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims))
			.build();
	}

	private static AuditedDecision decision(boolean permit, Reason reason) {
		Decision decision = mock(Decision.class);
		given(decision.isPermit()).willReturn(permit);
		given(decision.reason()).willReturn(reason);
		given(decision.obligations()).willReturn(Set.of());
		return new AuditedDecision(decision, 7);
	}

	private static Jwt jwt(String value) {
		return Jwt.withTokenValue(value)
			.header("alg", "RS256")
			.claim("client_id", "gp-client")
			.issuedAt(NOW)
			.expiresAt(NOW.plusSeconds(300))
			.build();
	}

}
