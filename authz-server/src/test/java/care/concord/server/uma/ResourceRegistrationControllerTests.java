package care.concord.server.uma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The UMA protection API over HTTP (FedAuthz sections 3 and 4): resource registration and
 * the permission endpoint, their errors, the isolation of resource servers, and the audit
 * record of every change and refusal.
 */
@ConcordIntegrationTest
class ResourceRegistrationControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	JdbcOperations jdbc;

	String pat;

	String orgCode;

	String citizen;

	@BeforeEach
	void resourceServer() {
		var hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		this.orgCode = hospital.code();
		this.pat = hospital.accessToken();
		this.citizen = TestNhsNumbers.next();
	}

	String description(String category) {
		return "{\"name\":\"Results\",\"type\":\"https://concord.care/category/" + category + "\","
				+ "\"resource_scopes\":[\"read\"],\"subject\":\"" + this.citizen + "\"}";
	}

	ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String pat,
			String body) throws Exception {
		request.header(HttpHeaders.AUTHORIZATION, "Bearer " + pat);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return this.mvc.perform(request);
	}

	String create(String category) throws Exception {
		MvcResult result = send(post("/uma/resource_set"), this.pat, description(category))
			.andExpect(status().isCreated())
			.andReturn();
		return (String) TestOAuth.json(result).get("_id");
	}

	long auditCount(String eventType, String reasonCode) {
		Long count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_record WHERE actor_agency = ? AND event_type = ?" + " AND reason_code = ?",
				Long.class, this.orgCode, eventType, reasonCode);
		return (count != null) ? count : 0;
	}

	@Test
	void createWhenValidThenCreatedWithLocationAndAudited() throws Exception {
		MvcResult result = send(post("/uma/resource_set"), this.pat, description("test-results"))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, org.hamcrest.Matchers.startsWith("/uma/resource_set/")))
			.andExpect(jsonPath("$._id").exists())
			.andReturn();
		String id = (String) TestOAuth.json(result).get("_id");
		assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith(id);
		assertThat(auditCount("REGISTRATION_CHANGE", "resource-registered")).isEqualTo(1);
	}

	@Test
	void createWhenNameAbsentThenRegisteredAndReadBackWithoutName() throws Exception {
		String body = "{\"type\":\"medications\",\"resource_scopes\":[\"read\"],\"subject\":\"" + this.citizen + "\"}";
		String id = (String) TestOAuth
			.json(send(post("/uma/resource_set"), this.pat, body).andExpect(status().isCreated()).andReturn())
			.get("_id");
		send(get("/uma/resource_set/" + id), this.pat, null).andExpect(status().isOk())
			.andExpect(jsonPath("$._id").value(id))
			.andExpect(jsonPath("$.name").doesNotExist())
			.andExpect(jsonPath("$.type").value("https://concord.care/category/medications"));
	}

	@Test
	void listWhenMoreThanAPageThenLinkToTheNextPageUntilAllIdsAreSeen() throws Exception {
		java.util.Set<String> created = new java.util.TreeSet<>();
		for (int i = 0; i < 5; i++) {
			created.add(create("medications"));
		}
		List<String> seen = new java.util.ArrayList<>();
		String next = "/uma/resource_set?limit=2";
		int pages = 0;
		while (next != null) {
			MvcResult page = send(get(next), this.pat, null).andExpect(status().isOk()).andReturn();
			List<?> ids = tools.jackson.databind.json.JsonMapper.builder()
				.build()
				.readValue(page.getResponse().getContentAsString(), List.class);
			assertThat(ids).hasSizeLessThanOrEqualTo(2);
			ids.forEach((id) -> seen.add((String) id));
			String link = page.getResponse().getHeader(HttpHeaders.LINK);
			next = (link == null) ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
			pages++;
		}
		assertThat(seen).containsExactlyElementsOf(created); // this agency's five, each
																// once, in id order
		assertThat(pages).isEqualTo(3);
		send(get("/uma/resource_set?limit=0"), this.pat, null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		send(get("/uma/resource_set?limit=1001"), this.pat, null).andExpect(status().isBadRequest());
	}

	@Test
	void readListUpdateDeleteWhenOwnResourceThenFedAuthzResponses() throws Exception {
		String id = create("medications");
		send(get("/uma/resource_set"), this.pat, null).andExpect(status().isOk()).andExpect(jsonPath("$", hasItem(id)));
		send(get("/uma/resource_set/" + id), this.pat, null).andExpect(status().isOk())
			.andExpect(jsonPath("$._id").value(id))
			.andExpect(jsonPath("$.type").value("https://concord.care/category/medications"))
			.andExpect(jsonPath("$.resource_scopes[0]").value("read"))
			.andExpect(jsonPath("$.subject").value(this.citizen));
		send(put("/uma/resource_set/" + id), this.pat, description("allergies")).andExpect(status().isOk())
			.andExpect(jsonPath("$._id").value(id));
		send(get("/uma/resource_set/" + id), this.pat, null)
			.andExpect(jsonPath("$.type").value("https://concord.care/category/allergies"));
		send(delete("/uma/resource_set/" + id), this.pat, null).andExpect(status().isNoContent());
		send(get("/uma/resource_set/" + id), this.pat, null).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").value("not_found"));
		send(get("/uma/resource_set"), this.pat, null).andExpect(jsonPath("$", not(hasItem(id))));
		assertThat(auditCount("REGISTRATION_CHANGE", "resource-updated")).isEqualTo(1);
		assertThat(auditCount("REGISTRATION_CHANGE", "resource-deleted")).isEqualTo(1);
	}

	@Test
	void resourceWhenAnotherResourceServerThenNotFoundEverywhere() throws Exception {
		String id = create("medications");
		String otherPat = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection").accessToken();
		send(get("/uma/resource_set/" + id), otherPat, null).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").value("not_found"));
		send(put("/uma/resource_set/" + id), otherPat, description("allergies")).andExpect(status().isNotFound());
		send(delete("/uma/resource_set/" + id), otherPat, null).andExpect(status().isNotFound());
		send(get("/uma/resource_set"), otherPat, null).andExpect(jsonPath("$", not(hasItem(id))));
		send(get("/uma/resource_set/" + id), this.pat, null).andExpect(status().isOk());
	}

	@Test
	void createWhenCareContentIncludedThenInvalidRequestNothingStoredAndAudited() throws Exception {
		String body = description("medications").replace("}", ",\"entries\":[{\"drug\":\"warfarin 5mg\"}]}");
		send(post("/uma/resource_set"), this.pat, body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"))
			.andExpect(jsonPath("$.error_description", org.hamcrest.Matchers.containsString("entries")));
		Integer stored = this.jdbc.queryForObject("SELECT COUNT(*) FROM uma_resource_set WHERE holder = ?",
				Integer.class, this.orgCode);
		assertThat(stored).isZero();
		assertThat(auditCount("INVALID_REQUEST", "invalid-request")).isEqualTo(1);
	}

	@Test
	void createWhenMalformedJsonThenInvalidRequest() throws Exception {
		send(post("/uma/resource_set"), this.pat, "{\"name\": ").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		send(post("/uma/resource_set"), this.pat, null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		send(post("/uma/resource_set"), this.pat, "{\"name\":\"a\",\"name\":\"b\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
	}

	@Test
	void createWhenSubjectLocalIdUnresolvedThenInvalidRequestWithClearMessage() throws Exception {
		send(post("/uma/resource_set"), this.pat,
				"{\"name\":\"x\",\"type\":\"medications\",\"resource_scopes\":[\"read\"],\"subject_local_id\":\"H-1\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"))
			.andExpect(jsonPath("$.error_description", org.hamcrest.Matchers.containsString("subject_local_id")));
	}

	@Test
	void resourceSetWhenTokenLacksUmaProtectionThenForbidden() throws Exception {
		String token = this.agencies.register(OrgType.GP, "decision").accessToken();
		send(post("/uma/resource_set"), token, description("medications")).andExpect(status().isForbidden());
		this.mvc.perform(get("/uma/resource_set")).andExpect(status().isUnauthorized());
	}

	@Test
	void permissionWhenSingleObjectThenTicket() throws Exception {
		String id = create("medications");
		send(post("/uma/permission"), this.pat, "{\"resource_id\":\"" + id + "\",\"resource_scopes\":[\"read\"]}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.ticket").isString());
		assertThat(auditCount("REGISTRATION_CHANGE", "permission-registered")).isEqualTo(1);
	}

	@Test
	void permissionWhenResourceOfAnotherHolderThenInvalidResourceIdAndAudited() throws Exception {
		String theirs = create("medications");
		var other = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		send(post("/uma/permission"), other.accessToken(),
				"[{\"resource_id\":\"" + theirs + "\",\"resource_scopes\":[\"read\"]}]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_resource_id"))
			.andExpect(jsonPath("$.ticket").doesNotExist());
		Long refused = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_record WHERE actor_agency = ?"
						+ " AND event_type = 'REFUSED' AND reason_code = 'invalid-resource-id'",
				Long.class, other.code());
		assertThat(refused).isEqualTo(1);
	}

	@Test
	void permissionWhenScopeNeverRegisteredThenInvalidScope() throws Exception {
		String id = create("medications");
		send(post("/uma/permission"), this.pat, "{\"resource_id\":\"" + id + "\",\"resource_scopes\":[\"write\"]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_scope"));
	}

	@Test
	void permissionWhenOversizedArrayThenInvalidRequest() throws Exception {
		String id = create("medications");
		List<Map<String, Object>> permissions = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			permissions.add(Map.of("resource_id", id, "resource_scopes", List.of("read")));
		}
		send(post("/uma/permission"), this.pat, TestOAuth.toJson(permissions)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
	}

	@Test
	void permissionWhenMalformedThenInvalidRequest() throws Exception {
		send(post("/uma/permission"), this.pat, "[{").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		send(post("/uma/permission"), this.pat, "[]").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		send(post("/uma/permission"), this.pat, "\"ticket please\"").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		send(post("/uma/permission"), this.pat, "{\"resource_id\":\"x\",\"resource_scopes\":[\"read\"],\"extra\":1}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
	}

	@Test
	void permissionWhenUnknownResourceThenInvalidResourceId() throws Exception {
		send(post("/uma/permission"), this.pat, "{\"resource_id\":\"nope\",\"resource_scopes\":[\"read\"]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_resource_id"));
	}

	@Test
	void discoveryWhenAnonymousThenUmaMetadataFromServerSettings() throws Exception {
		this.mvc.perform(get("/.well-known/uma2-configuration"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.issuer").value("http://localhost"))
			.andExpect(jsonPath("$.token_endpoint").value("http://localhost/oauth2/token"))
			.andExpect(jsonPath("$.introspection_endpoint").value("http://localhost/oauth2/introspect"))
			.andExpect(jsonPath("$.jwks_uri").value("http://localhost/oauth2/jwks"))
			.andExpect(jsonPath("$.resource_registration_endpoint").value("http://localhost/uma/resource_set"))
			.andExpect(jsonPath("$.permission_endpoint").value("http://localhost/uma/permission"))
			.andExpect(jsonPath("$.grant_types_supported", hasItem("urn:ietf:params:oauth:grant-type:uma-ticket")))
			.andExpect(jsonPath("$.uma_profiles_supported").isArray())
			.andExpect(jsonPath("$.claim_token_profiles_supported", hasItem(ClaimTokenVerifier.PRACTITIONER_JWT)));
	}

}
