package care.concord.server.consent;

import java.util.List;
import java.util.Map;

import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.people.PersonView;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Test fixture of the consent tests: citizens, IG officers and their tokens (through the
 * foundation's {@link TestPeople}), and directives added over HTTP.
 */
final class ConsentFixtures {

	private final MockMvc mvc;

	private final TestPeople people;

	ConsentFixtures(MockMvc mvc, TestPeople people) {
		this.mvc = mvc;
		this.people = people;
	}

	/** A new citizen account with a fresh NHS number, and its token. */
	Account citizen() {
		String nhs = TestNhsNumbers.next();
		PersonView person = this.people.citizen(nhs);
		return new Account(person.username(), nhs, this.people.accessToken(person.username()));
	}

	/** A new account with the given roles (no NHS number), and its token. */
	Account person(String... roles) {
		PersonView person = this.people.create(List.of(roles), null);
		return new Account(person.username(), null, this.people.accessToken(person.username()));
	}

	/**
	 * Adds a directive as the account, through {@code POST /api/me/directives}; returns
	 * the response.
	 */
	Map<String, Object> addDirective(Account citizen, Map<String, Object> body) throws Exception {
		MvcResult result = this.mvc.perform(json(post("/api/me/directives"), citizen, body))
			.andExpect(status().isCreated())
			.andReturn();
		return TestOAuth.json(result);
	}

	/** The request with the account's bearer token and a JSON body. */
	static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, Account account, Object body) {
		return bearer(request, account).contentType(MediaType.APPLICATION_JSON).content(TestOAuth.toJson(body));
	}

	/** The request with the account's bearer token. */
	static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, Account account) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + account.token());
	}

	/** The id of the directive in a change response. */
	@SuppressWarnings("unchecked")
	static String directiveId(Map<String, Object> response) {
		return (String) ((Map<String, Object>) response.get("directive")).get("id");
	}

	/**
	 * A test account.
	 *
	 * @param username its username
	 * @param nhsNumber its NHS number (citizens only)
	 * @param token an access token
	 */
	record Account(String username, String nhsNumber, String token) {
	}

}
