package care.concord.server.console;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestPeople;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's decision preview: the decision engine answers about the token's citizen,
 * a directive flips it, bad vocabulary is a problem naming the field, and only citizens
 * may ask.
 */
@ConcordIntegrationTest
class ConsolePreviewControllerTests {

	private static final String QUESTION = """
			{"org_type": "acute-hospital", "role": "clinician", "category": "medications",
			 "purpose": "emergency-care"}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Test
	void previewWhenDenyDirectiveAddedThenAnswerFlipsFromPermitToDeny() throws Exception {
		String token = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		this.mvc.perform(preview(token, QUESTION))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.decision").value("permit"))
			.andExpect(jsonPath("$.reason").value("implied-consent"))
			.andExpect(jsonPath("$.explanation")
				.value(org.hamcrest.Matchers.startsWith("An organisation is caring for you")));
		this.mvc.perform(post("/api/me/directives").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"effect\": \"deny\", \"org_types\": [\"acute-hospital\"], \"categories\": [\"medications\"]}"))
			.andExpect(status().isCreated());
		this.mvc.perform(preview(token, QUESTION))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.decision").value("deny"))
			.andExpect(jsonPath("$.reason").value("directive-deny"))
			.andExpect(jsonPath("$.directive").isNotEmpty());
	}

	@Test
	void previewWhenUnknownCategoryThenValidationProblem() throws Exception {
		String token = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		this.mvc.perform(preview(token, QUESTION.replace("medications", "horoscope")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").isNotEmpty())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("category")));
	}

	@Test
	void previewWhenNotCitizenThenForbidden() throws Exception {
		this.mvc.perform(preview(this.people.adminToken(), QUESTION)).andExpect(status().isForbidden());
	}

	private static org.springframework.test.web.servlet.RequestBuilder preview(String token, String body) {
		return post("/api/me/decision-preview").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

}
