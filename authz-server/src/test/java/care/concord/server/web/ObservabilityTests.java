package care.concord.server.web;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditMetricsConfiguration;
import care.concord.server.audit.MeteredAuditLog;
import care.concord.server.decision.MeteredConsentDecisionService;
import care.concord.server.oauth.ClientAuthenticationFailureHandler;
import care.concord.server.oauth.TokenResponseCounter;
import care.concord.server.uma.UmaTicketGrantAuthenticationProvider;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What operators see: domain metrics on {@code /actuator/prometheus}, request metrics
 * with URI templates for the OAuth endpoints, and request ids on every response.
 */
@ConcordIntegrationTest
class ObservabilityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	MeterRegistry meters;

	@Autowired
	AuditLog auditLog;

	@Test
	void tokenEndpointWhenUsedThenTokensIssuedByGrantTypeAndRequestsByUri() throws Exception {
		double issued = count("concord.oauth.tokens.issued", "grant_type", "client_credentials");
		TestAgency agency = this.agencies.register(OrgType.GP, "decision");
		agency.accessToken();
		assertThat(count("concord.oauth.tokens.issued", "grant_type", "client_credentials")).isGreaterThan(issued);
		assertThat(this.meters.find("http.server.requests").tag("uri", "/oauth2/token").timers()).isNotEmpty();
		String scrape = this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(scrape).contains("concord_oauth_tokens_issued_total{grant_type=\"client_credentials\"")
			.contains("uri=\"/oauth2/token\"");
	}

	@Test
	void clientAuthenticationWhenRefusedThenCounted() throws Exception {
		double before = count("concord.oauth.client.authentication.failures", "endpoint", "/oauth2/token");
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, TestOAuth.basic("nobody", "wrong"))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized());
		assertThat(count("concord.oauth.client.authentication.failures", "endpoint", "/oauth2/token"))
			.isEqualTo(before + 1);
	}

	@Test
	void decisionWhenMadeThenCountedByOutcomeReasonLayerAndApi() throws Exception {
		TestAgency agency = this.agencies.register(OrgType.GP, "decision");
		double before = count("concord.decisions", "reason", "no-legitimate-relationship");
		String body = "{\"subject\":{\"type\":\"agency-practitioner\",\"id\":\"P-1\",\"properties\":{\"organisation\":\""
				+ agency.code() + "\",\"role\":\"clinician\"}},\"resource\":{\"type\":\"care-record\",\"id\":\""
				+ TestNhsNumbers.next() + "\",\"properties\":{\"category\":\"medications\",\"holder\":\"RR8\"}},"
				+ "\"action\":{\"name\":\"read\"},\"context\":{\"purpose\":\"TREAT\"}}";
		this.mvc
			.perform(post("/access/v1/evaluation").header(HttpHeaders.AUTHORIZATION, "Bearer " + agency.accessToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isOk());
		assertThat(count("concord.decisions", "reason", "no-legitimate-relationship")).isEqualTo(before + 1);
		assertThat(this.meters.find(MeteredAuditLog.APPENDS).tags("type", "DECISION", "result", "ok").timer())
			.isNotNull();
		assertThat(this.meters.find(MeteredAuditLog.EVENTS)
			.tags("type", "DECISION", "outcome", "deny", "reason", "no-legitimate-relationship")
			.counter()).isNotNull();
		assertThat(this.meters.find("concord.decisions")
			.tags("outcome", "deny", "reason", "no-legitimate-relationship", "via", "authzen")
			.counter()).isNotNull();
	}

	@Test
	void auditAppendWhenWrittenThenGroupSizeDistributionOnPrometheus() throws Exception {
		DistributionSummary groups = this.meters.find(AuditMetricsConfiguration.GROUP_SIZE).summary();
		assertThat(groups).isNotNull();
		long before = groups.count();
		this.auditLog.append(AuditEvent.builder(AuditEventType.ADMIN_ACTION, AuditActor.user("metrics-test"))
			.permit("metrics-checked")
			.build());
		assertThat(groups.count()).isGreaterThan(before);
		assertThat(groups.max()).isGreaterThanOrEqualTo(1.0);
		String scrape = this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(scrape).contains("concord_audit_group_size_events_count")
			.contains("concord_audit_group_size_events_bucket");
	}

	@Test
	void anyRequestWhenServedThenRequestIdEchoedOrCreated() throws Exception {
		this.mvc.perform(get("/actuator/health").header("X-Request-ID", "lb-7f3a"))
			.andExpect(header().string("X-Request-ID", "lb-7f3a"));
		this.mvc.perform(get("/.well-known/openid-configuration"))
			.andExpect(header().string("X-Request-ID", matchesPattern("[0-9a-f-]{36}")));
		this.mvc.perform(post("/oauth2/token").header("X-Request-ID", "x".repeat(129)))
			.andExpect(header().string("X-Request-ID", matchesPattern("[0-9a-f-]{36}")));
	}

	@Test
	void grafanaDashboardWhenReadThenEveryConcordMetricItChartsExists() throws Exception {
		String dashboard = java.nio.file.Files
			.readString(java.nio.file.Path.of("..", "docs", "grafana-dashboard.json"));
		java.util.Set<String> charted = new java.util.TreeSet<>();
		java.util.regex.Matcher names = java.util.regex.Pattern.compile("concord_[a-z_]+").matcher(dashboard);
		while (names.find()) {
			charted.add(names.group().replaceAll("(_seconds)?(_total|_bucket|_count|_sum|_max)?$", ""));
		}
		java.util.Set<String> defined = new java.util.TreeSet<>();
		for (String meter : java.util.List.of(MeteredConsentDecisionService.DECISIONS,
				TokenResponseCounter.TOKENS_ISSUED, UmaTicketGrantAuthenticationProvider.GRANTS_METRIC,
				ClientAuthenticationFailureHandler.FAILURES, MeteredAuditLog.APPENDS, MeteredAuditLog.EVENTS)) {
			defined.add(meter.replace('.', '_'));
		}
		assertThat(charted).isNotEmpty().isSubsetOf(defined);
	}

	private double count(String name, String key, String value) {
		return this.meters.find(name).tag(key, value).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
