package care.concord.agency;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UmaClientTests {

	static final PractitionerClaims CLAIMS = PractitionerClaims.directCare("clinician", "P-7");

	FakeConcord concord;

	UmaClient client;

	/** What the protected server saw: the Authorization of each request. */
	final List<String> presented = new ArrayList<>();

	@BeforeEach
	void start() throws Exception {
		this.concord = new FakeConcord();
		this.client = new UmaClient(
				new ConcordConnection(ConcordSettings.of(this.concord.issuer(), "a81001-client", "secret")));
	}

	@AfterEach
	void stop() {
		this.concord.close();
	}

	/** A protected server that wants "rpt-1". */
	UmaClient.Exchange<Integer> server(String asUri) {
		return new UmaClient.Exchange<>() {

			@Override
			public Integer send(String rpt) {
				UmaClientTests.this.presented.add(rpt);
				return "rpt-1".equals(rpt) ? 200 : 401;
			}

			@Override
			public int status(Integer response) {
				return response;
			}

			@Override
			public String header(Integer response, String name) {
				return (response == 401) ? "UMA realm=\"RR8\", as_uri=\"" + asUri + "\", ticket=\"tk-9\"" : null;
			}

		};
	}

	@Test
	void exchangeWhenChallengedThenRedeemsTicketWithClaimsAndRetriesOnce() throws IOException {
		assertThat(this.client.exchange("https://rs/fhir/x", CLAIMS, server(this.concord.issuer()))).isEqualTo(200);
		assertThat(this.presented).containsExactly(null, "rpt-1");
		Map<String, String> grant = this.concord.lastGrant;
		assertThat(grant).containsEntry("grant_type", UmaClient.UMA_TICKET)
			.containsEntry("ticket", "tk-9")
			.containsEntry("claim_token_format", PractitionerClaims.FORMAT);
		String claims = new String(java.util.Base64.getUrlDecoder().decode(grant.get("claim_token")));
		assertThat(claims).contains("\"purpose_of_use\":\"direct-care\"", "\"practitioner_id\":\"P-7\"", "\"exp\":");
	}

	@Test
	void exchangeWhenRptCachedThenNoSecondGrant() throws IOException {
		this.client.exchange("https://rs/fhir/x", CLAIMS, server(this.concord.issuer()));
		this.client.exchange("https://rs/fhir/x", CLAIMS, server(this.concord.issuer()));
		assertThat(this.presented).containsExactly(null, "rpt-1", "rpt-1");
		assertThat(this.concord.count("POST /oauth2/token")).isEqualTo(1);
		// another practitioner context does not reuse it
		this.client.exchange("https://rs/fhir/x", CLAIMS.breakingGlass("collapsed in clinic"),
				server(this.concord.issuer()));
		assertThat(this.concord.count("POST /oauth2/token")).isEqualTo(2);
	}

	@Test
	void exchangeWhenConcordDeniesThenRequestDeniedWithReasons() {
		this.concord.grantStatus = 403;
		this.concord.grantAnswer = "{\"error\":\"request_denied\",\"error_description\":\"refused\","
				+ "\"concord_reasons\":[{\"resource_id\":\"r1\",\"reason\":\"directive-deny\"}]}";
		assertThatExceptionOfType(RequestDeniedException.class)
			.isThrownBy(() -> this.client.exchange("https://rs/fhir/x", CLAIMS, server(this.concord.issuer())))
			.satisfies((ex) -> assertThat(ex.reasons())
				.containsExactly(new RequestDeniedException.Reason("r1", "directive-deny")));
	}

	@Test
	void exchangeWhenConcordNeedsInfoThenNeedInfoWithClaimsAndTicket() {
		this.concord.grantStatus = 403;
		this.concord.grantAnswer = "{\"error\":\"need_info\",\"ticket\":\"tk-10\","
				+ "\"required_claims\":[{\"name\":\"purpose_of_use\"}]}";
		assertThatExceptionOfType(NeedInfoException.class)
			.isThrownBy(() -> this.client.exchange("https://rs/fhir/x", CLAIMS, server(this.concord.issuer())))
			.satisfies((ex) -> {
				assertThat(ex.requiredClaims()).containsExactly("purpose_of_use");
				assertThat(ex.ticket()).isEqualTo("tk-10");
			});
	}

	@Test
	void exchangeWhenChallengeNamesAnotherAuthorizationServerThenRefusedWithoutSendingTheSecret() {
		assertThatExceptionOfType(UmaAccessException.class)
			.isThrownBy(() -> this.client.exchange("https://rs/fhir/x", CLAIMS, server("https://evil.example")))
			.satisfies((ex) -> assertThat(ex.error()).isEqualTo("invalid_as_uri"));
		assertThat(this.concord.calls).isEmpty();
	}

	@Test
	void exchangeWhenConcordStoppedThenUnavailable() {
		this.concord.close();
		assertThatExceptionOfType(ConcordUnavailableException.class)
			.isThrownBy(() -> this.client.exchange("https://rs/fhir/x", CLAIMS, server(this.concord.issuer())));
	}

	@Test
	void parseWhenNotUmaOrNoTicketThenEmpty() {
		assertThat(UmaChallenge.parse("Bearer realm=\"x\"")).isEmpty();
		assertThat(UmaChallenge.parse("UMA realm=\"x\", as_uri=\"https://c\"")).isEmpty();
		assertThat(UmaChallenge.parse("UMA realm=\"x\", as_uri=\"https://c\", ticket=\"t\""))
			.hasValue(new UmaChallenge("x", "https://c", "t"));
	}

}
