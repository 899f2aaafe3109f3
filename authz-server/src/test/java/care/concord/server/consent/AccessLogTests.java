package care.concord.server.consent;

import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestPeople;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.consent.ConsentFixtures.Account;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static care.concord.server.consent.ConsentFixtures.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Who accessed my data": {@code GET /api/me/access-log} lists the decisions audited
 * about the citizen, newest first, and only theirs.
 */
@ConcordIntegrationTest
class AccessLogTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	AuditLog auditLog;

	ConsentFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new ConsentFixtures(this.mvc, this.people);
	}

	private void decision(String agency, NhsNumber subject, String purpose, String category, boolean permit,
			String reason, String breakGlass) {
		AuditEvent.Builder event = AuditEvent
			.builder(AuditEventType.DECISION, AuditActor.client(agency, agency.toLowerCase() + "-client"))
			.subject(subject)
			.holder("RRP")
			.category(category)
			.purpose(purpose)
			.role("nurse")
			.outcome(permit ? care.concord.server.audit.AuditOutcome.PERMIT
					: care.concord.server.audit.AuditOutcome.DENY, reason)
			.explanation("test");
		if (breakGlass != null) {
			event.breakGlass(breakGlass);
		}
		this.auditLog.append(event.build());
	}

	@Test
	void accessLogWhenDecisionsAboutCitizenThenListedNewestFirstWithDetails() throws Exception {
		Account citizen = this.fixtures.citizen();
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		String gp = TestAgencies.randomCode();
		String hospital = TestAgencies.randomCode();
		decision(gp, nhs, "direct-care", "medications", true, "implied-consent", null);
		decision(hospital, nhs, "emergency-care", "summary", true, "break-glass", "collapsed in street");
		this.fixtures.addDirective(citizen, Map.of("effect", "deny"));
		this.mvc.perform(bearer(get("/api/me/access-log"), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.entries[0].agency").value(hospital))
			.andExpect(jsonPath("$.entries[0].break_glass").value(true))
			.andExpect(jsonPath("$.entries[0].break_glass_reason").value("collapsed in street"))
			.andExpect(jsonPath("$.entries[0].purpose").value("emergency-care"))
			.andExpect(jsonPath("$.entries[0].decision").value("permit"))
			.andExpect(jsonPath("$.entries[0].reason").value("break-glass"))
			.andExpect(jsonPath("$.entries[0].time").isString())
			.andExpect(jsonPath("$.entries[1].agency").value(gp))
			.andExpect(jsonPath("$.entries[1].role").value("nurse"))
			.andExpect(jsonPath("$.entries[1].category").value("medications"))
			.andExpect(jsonPath("$.entries[1].break_glass").value(false));
		this.mvc.perform(bearer(get("/api/me/access-log").param("page", "1").param("size", "1"), citizen))
			.andExpect(jsonPath("$.entries.length()").value(1))
			.andExpect(jsonPath("$.entries[0].agency").value(gp));
	}

	@Test
	void accessLogWhenAnotherCitizenThenOnlyTheirOwn() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account other = this.fixtures.citizen();
		decision(TestAgencies.randomCode(), NhsNumber.parse(citizen.nhsNumber()), "direct-care", "summary", false,
				"no-legitimate-relationship", null);
		this.mvc.perform(bearer(get("/api/me/access-log"), other)).andExpect(jsonPath("$.total").value(0));
		this.mvc.perform(bearer(get("/api/citizens/" + citizen.nhsNumber() + "/access-log"), other))
			.andExpect(status().isForbidden());
		this.mvc.perform(bearer(get("/api/me/access-log"), citizen))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.entries[0].decision").value("deny"));
		this.mvc.perform(bearer(get("/api/me/access-log").param("size", "1000"), citizen))
			.andExpect(status().isBadRequest());
	}

}
