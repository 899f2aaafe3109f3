package care.concord.server.config;

import care.concord.server.ConcordIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Operations: health probes, metrics, API docs, request limits, and Redis kept out by
 * default.
 */
@ConcordIntegrationTest
class OperationsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Test
	void contextWhenRedisNotEnabledThenNoRedisConnectionFactory() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getEnvironment().getProperty("spring.autoconfigure.exclude"))
			.contains("DataRedisAutoConfiguration", "DataRedisHealthContributorAutoConfiguration");
	}

	@Test
	void healthWhenAnonymousThenUpWithProbes() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
	}

	@Test
	void prometheusWhenFromLoopbackThenServedElseRefused() throws Exception {
		this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("jvm_memory_used_bytes")));
		int remote = this.mvc.perform(get("/actuator/prometheus").with((request) -> {
			request.setRemoteAddr("203.0.113.7");
			return request;
		})).andReturn().getResponse().getStatus();
		assertThat(remote).isIn(302, 401, 403);
	}

	@Test
	void apiDocsWhenRequestedThenOpenApiDocumentListsAdminApis() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openapi").exists())
			.andExpect(jsonPath("$.paths['/api/admin/agencies']").exists())
			.andExpect(jsonPath("$.paths['/api/admin/keys/rotate']").exists());
		int swagger = this.mvc.perform(get("/swagger-ui.html")).andReturn().getResponse().getStatus();
		assertThat(swagger).isIn(200, 302);
	}

	@Test
	void apiWhenBodyOversizedThenProblem413() throws Exception {
		this.mvc
			.perform(post("/api/admin/agencies").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + "x".repeat(70 * 1024) + "\"}"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("payload-too-large"));
	}

}
