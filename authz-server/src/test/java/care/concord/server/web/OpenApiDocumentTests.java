package care.concord.server.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import care.concord.server.ConcordIntegrationTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OpenAPI document at {@code /v3/api-docs}: valid (swagger-parser's OpenAPI 3
 * validation, as SDK generators read it), titled and versioned, every operation with a
 * stable id, a summary, the security schemes, error responses and exact media types.
 */
@ConcordIntegrationTest
class OpenApiDocumentTests {

	static final Path SNAPSHOT = Path.of("src", "test", "openapi", "concord-api.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Test
	void apiDocsWhenParsedThenValidWithoutMessages() throws Exception {
		SwaggerParseResult result = parse();
		assertThat(result.getMessages()).isEmpty();
		OpenAPI openApi = result.getOpenAPI();
		assertThat(openApi.getInfo().getTitle()).isEqualTo("Concord API");
		assertThat(openApi.getInfo().getVersion()).isNotEqualTo("v0");
		assertThat(openApi.getInfo().getDescription()).contains("AuthZEN");
		assertThat(openApi.getComponents().getSecuritySchemes()).containsKeys(OpenApiDocument.BEARER,
				OpenApiDocument.OAUTH2);
		assertThat(openApi.getComponents()
			.getSecuritySchemes()
			.get(OpenApiDocument.OAUTH2)
			.getFlows()
			.getClientCredentials()
			.getTokenUrl()).endsWith("/oauth2/token");
	}

	@Test
	void apiDocsWhenReadThenEveryOperationIdStableSummarisedSecuredWithErrorsAndExactMediaTypes() throws Exception {
		OpenAPI openApi = parse().getOpenAPI();
		Set<String> ids = new HashSet<>();
		List<String> operations = new ArrayList<>();
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			String name = method + " " + path;
			operations.add(name);
			assertThat(operation.getOperationId()).as(name)
				.isEqualTo(OpenApiDocument.operationId(method, path))
				.doesNotContain("_");
			assertThat(ids.add(operation.getOperationId())).as("unique id of " + name).isTrue();
			assertThat(operation.getSummary()).as(name).isNotBlank();
			assertThat(operation.getSecurity()).as(name).hasSize(2);
			assertThat(operation.getResponses()).as(name).containsKeys("400", "401", "403", "503");
			boolean oauth = path.startsWith("/uma/resource_set") || path.startsWith("/uma/permission");
			assertThat(operation.getResponses().get("401").getContent()).as(name)
				.containsKey(oauth ? "application/json" : "application/problem+json");
			operation.getResponses().forEach((status, response) -> {
				if (response.getContent() != null) {
					assertThat(response.getContent()).as(name + " " + status).doesNotContainKey("*/*");
				}
			});
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				assertThat(operation.getRequestBody().getContent()).as(name).doesNotContainKey("*/*");
			}
		}));
		assertThat(operations).hasSizeGreaterThan(50);
	}

	/**
	 * The snapshot the SDK test client is generated from (openapi-generator,
	 * {@code GeneratedClientTests}) is this document: every operation it has is still
	 * served, with the same id. Refresh it with {@code -Dconcord.openapi.write=true}.
	 */
	@Test
	void apiDocsWhenComparedWithTheSdkSnapshotThenEverySnapshotOperationStillServed() throws Exception {
		String live = this.mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
		if (Boolean.getBoolean("concord.openapi.write")) {
			Files.writeString(SNAPSHOT,
					JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(live)).replace("\r\n", "\n")
							+ "\n");
		}
		JsonNode served = JSON.readTree(live).get("paths");
		JsonNode snapshot = JSON.readTree(Files.readString(SNAPSHOT)).get("paths");
		for (String path : snapshot.propertyNames()) {
			for (String method : snapshot.get(path).propertyNames()) {
				String id = snapshot.get(path).get(method).get("operationId").asString();
				assertThat(served.path(path).path(method).path("operationId").asString(""))
					.as(method + " " + path + " of the SDK snapshot (refresh with -Dconcord.openapi.write=true)")
					.isEqualTo(id);
			}
		}
	}

	@Test
	void operationIdWhenPathHasVariablesThenNamedAfterThem() {
		assertThat(OpenApiDocument.operationId(PathItem.HttpMethod.GET, "/api/admin/agencies/{code}/clients"))
			.isEqualTo("getApiAdminAgenciesByCodeClients");
		assertThat(OpenApiDocument.operationId(PathItem.HttpMethod.POST, "/uma/resource_set"))
			.isEqualTo("postUmaResourceSet");
		assertThat(OpenApiSummaries.of("listClients", "AgencyAdminController"))
			.isEqualTo("List clients (agency admin)");
	}

	private SwaggerParseResult parse() throws Exception {
		String json = this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		ParseOptions options = new ParseOptions();
		options.setResolve(false);
		return new OpenAPIV3Parser().readContents(json, null, options);
	}

}
