package care.concord.server.console;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestPeople;
import care.concord.server.people.PersonView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages the server writes itself: the start page at {@code /} (no longer a sign-in
 * then a JSON 404) and the sign-in page in the console's design, keeping the username
 * after a failed attempt.
 */
@ConcordIntegrationTest
class ServerPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Test
	void startPageWhenAnonymousThenLinksConsoleDiscoveryAndDocs() throws Exception {
		this.people.admin();
		this.mvc.perform(get("/").accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("href=\"/console/\"")))
			.andExpect(content().string(containsString("href=\"/.well-known/openid-configuration\"")))
			.andExpect(content().string(containsString("href=\"/.well-known/uma2-configuration\"")))
			.andExpect(content().string(containsString("href=\"/swagger-ui.html\"")))
			.andExpect(content().string(containsString("/console/css/console.css")))
			// an administrator exists: no first-start instructions
			.andExpect(content().string(not(containsString("id=\"first-start\""))));
	}

	@Test
	void loginWhenWrongPasswordThenErrorSummaryLinksThePasswordAndUsernameIsKept() throws Exception {
		PersonView admin = this.people.admin();
		MockHttpSession session = new MockHttpSession();
		this.mvc
			.perform(post("/login").session(session)
				.param("username", admin.username())
				.param("password", "wrong")
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string(HttpHeaders.LOCATION, "/login?error"));
		this.mvc.perform(get("/login").param("error", "").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<title>Error: Sign in - Concord</title>")))
			.andExpect(content().string(containsString("There is a problem")))
			.andExpect(content().string(containsString("<a href=\"#password\">")))
			.andExpect(content().string(containsString("aria-describedby=\"password-error\"")))
			.andExpect(content().string(containsString("value=\"" + admin.username() + "\"")));
		// shown once: a fresh visit starts empty
		this.mvc.perform(get("/login").session(session))
			.andExpect(content().string(not(containsString("value=\"" + admin.username() + "\""))))
			.andExpect(content().string(not(containsString("There is a problem"))));
	}

	@Test
	void faviconWhenRequestedThenServed() throws Exception {
		this.mvc.perform(get("/favicon.ico")).andExpect(status().isOk());
	}

}
