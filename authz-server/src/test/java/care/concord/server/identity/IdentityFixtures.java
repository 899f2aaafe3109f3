package care.concord.server.identity;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.policy.request.OrgType;
import care.concord.server.TestAgencies;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Test fixture of the identity API: agencies with the {@code identity} scope, IG
 * officers, and demographics that no other test shares (random surnames and dates), so
 * tests on the cached context never match each other's people.
 */
final class IdentityFixtures {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String CONSONANTS = "BCDFGHJKLMNPRSTVWZ";

	private static final String VOWELS = "AEIOU";

	private final MockMvc mvc;

	private final TestAgencies agencies;

	private final TestPeople people;

	IdentityFixtures(MockMvc mvc, TestAgencies agencies, TestPeople people) {
		this.mvc = mvc;
		this.agencies = agencies;
		this.people = people;
	}

	/** A client_credentials token of a new agency with scope {@code identity}. */
	Agency agency() {
		TestAgencies.TestAgency agency = this.agencies.register(OrgType.ACUTE_HOSPITAL, "identity");
		return new Agency(agency.code(), agency.accessToken());
	}

	/** A token of a new agency without the {@code identity} scope. */
	String agencyWithoutIdentityScope() {
		return this.agencies.register(OrgType.GP, "decision").accessToken();
	}

	/** A token of a new IG officer. */
	String igOfficerToken() {
		return this.people.accessToken(this.people.create(List.of("ig-officer"), null).username());
	}

	/** A token of a new citizen. */
	String citizenToken(String nhsNumber) {
		return this.people.accessToken(this.people.citizen(nhsNumber).username());
	}

	/** A pronounceable random surname nobody else in the suite has. */
	static String surname() {
		StringBuilder name = new StringBuilder();
		for (int i = 0; i < 5; i++) {
			name.append(CONSONANTS.charAt(RANDOM.nextInt(CONSONANTS.length())));
			name.append(VOWELS.charAt(RANDOM.nextInt(VOWELS.length())));
		}
		return name.charAt(0) + name.substring(1).toLowerCase();
	}

	/** A random date of birth between 1920 and 2009. */
	static String dateOfBirth() {
		return String.format("%04d-%02d-%02d", 1920 + RANDOM.nextInt(90), 1 + RANDOM.nextInt(12),
				1 + RANDOM.nextInt(28));
	}

	/** A random postcode of the UK form. */
	static String postcode() {
		String letters = "ABDEFGHJLNPQRSTUWXYZ";
		return "LS" + (1 + RANDOM.nextInt(29)) + " " + RANDOM.nextInt(10)
				+ letters.charAt(RANDOM.nextInt(letters.length())) + letters.charAt(RANDOM.nextInt(letters.length()));
	}

	/** A random local id. */
	static String localId() {
		return "L" + Long.toString(Math.abs(RANDOM.nextLong()), 36);
	}

	/** A complete record body for a new random person. */
	static Map<String, Object> person() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("local_id", localId());
		body.put("given_name", surname());
		body.put("family_name", surname());
		body.put("date_of_birth", dateOfBirth());
		body.put("sex", "female");
		body.put("postcode", postcode());
		body.put("street_number", String.valueOf(1 + RANDOM.nextInt(200)));
		body.put("street", surname() + " Road");
		body.put("locality", surname());
		return body;
	}

	/** A copy of the body with members replaced or (null value) removed. */
	static Map<String, Object> with(Map<String, Object> body, Object... pairs) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		for (int i = 0; i < pairs.length; i += 2) {
			if (pairs[i + 1] == null) {
				copy.remove((String) pairs[i]);
			}
			else {
				copy.put((String) pairs[i], pairs[i + 1]);
			}
		}
		return copy;
	}

	ResultActions submit(String token, Object body) throws Exception {
		return post(token, "/api/identity/records", body);
	}

	Map<String, Object> submitted(String token, Object body) throws Exception {
		MvcResult result = submit(token, body).andReturn();
		int status = result.getResponse().getStatus();
		if (status != 200 && status != 201) {
			throw new IllegalStateException(
					"submission failed: " + status + " " + result.getResponse().getContentAsString());
		}
		return TestOAuth.json(result);
	}

	ResultActions get(String token, String path) throws Exception {
		return this.mvc.perform(MockMvcRequestBuilders.get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
	}

	ResultActions post(String token, String path, Object body) throws Exception {
		return this.mvc.perform(MockMvcRequestBuilders.post(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content((body instanceof String text) ? text : TestOAuth.toJson(body)));
	}

	/**
	 * A test agency.
	 *
	 * @param code its organisation code
	 * @param token an access token with scope {@code identity}
	 */
	record Agency(String code, String token) {
	}

}
