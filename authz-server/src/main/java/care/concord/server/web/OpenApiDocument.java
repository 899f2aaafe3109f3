package care.concord.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Concord's OpenAPI document as SDK generators and API gateways need it: a real title,
 * version and description; the bearer and OAuth 2.0 security schemes on every operation;
 * the error responses (RFC 9457 problem details, or OAuth error JSON on the UMA
 * protection API) on every operation; exact media types instead of {@code *}{@code /*};
 * and operation ids derived from method and path, so that they are unique and do not
 * change when a Java method is renamed or another is added ({@code getApiAdminAgencies},
 * {@code postApiAdminAgenciesByCodeClients}).
 */
public final class OpenApiDocument {

	/** The bearer token scheme's name. */
	public static final String BEARER = "bearer";

	/** The OAuth 2.0 scheme's name. */
	public static final String OAUTH2 = "oauth2";

	static final String PROBLEM = "Problem";

	static final String OAUTH_ERROR = "OAuthError";

	static final String PROBLEM_JSON = "application/problem+json";

	private static final String ANY = "*/*";

	static final String JSON_NODE = "JsonNode";

	static final String ANY_JSON = "Any JSON value";

	private final String version;

	private final String tokenUrl;

	private final String authorizationUrl;

	/**
	 * @param version the API's version
	 * @param issuer the server's base URL, or empty for URLs relative to the server
	 */
	public OpenApiDocument(String version, String issuer) {
		this.version = version;
		this.tokenUrl = issuer + "/oauth2/token";
		this.authorizationUrl = issuer + "/oauth2/authorize";
	}

	/** Applies the above to the document springdoc built. */
	public void customise(OpenAPI openApi) {
		openApi.info(new Info().title("Concord API")
			.version(this.version)
			.description("Consent and identity authorization for UK health and social care: consent decisions "
					+ "(OpenID AuthZEN), UMA 2.0 resource registration and permissions, record location, identity "
					+ "linking, citizens' consent and directives (also as FHIR R4 Consent), the audit trail, and the "
					+ "administration of agencies, clients, people and signing keys. Tokens come from the OAuth 2.0 "
					+ "token endpoint (/oauth2/token); errors are RFC 9457 problem details, or OAuth error JSON on "
					+ "the UMA protection API."));
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.components(components);
		components.addSecuritySchemes(BEARER,
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("An access token issued by Concord's token endpoint"));
		components.addSecuritySchemes(OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
			.description("Agencies' clients use client credentials; people sign in with the authorization code flow")
			.flows(new OAuthFlows()
				.clientCredentials(new OAuthFlow().tokenUrl(this.tokenUrl)
					.scopes(new Scopes().addString("decision", "Consent decisions (AuthZEN)")
						.addString("identity", "Identity linking and look-up")
						.addString("record_location", "Record location")
						.addString("uma_protection", "UMA protection API (resource servers)")
						.addString("uma_authorization", "UMA grant (requesting parties)")))
				.authorizationCode(new OAuthFlow().authorizationUrl(this.authorizationUrl)
					.tokenUrl(this.tokenUrl)
					.scopes(new Scopes().addString("openid", "Sign in").addString("profile", "Name")))));
		if (components.getSchemas() != null && components.getSchemas().containsKey(JSON_NODE)) {
			// a body taken as a Jackson tree is any JSON, not the tree's Java API
			components.addSchemas(JSON_NODE, new Schema<>().description(ANY_JSON));
		}
		components.addSchemas(PROBLEM, problemSchema());
		components.addSchemas(OAUTH_ERROR, oauthErrorSchema());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			operation.setOperationId(operationId(method, path));
			if (operation.getSummary() == null || operation.getSummary().isBlank()) {
				operation.setSummary(method.name() + " " + path);
			}
			operation.setSecurity(
					List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(OAUTH2)));
			exactMediaTypes(operation);
			errorResponses(operation, path);
		}));
	}

	/**
	 * {@code GET /api/admin/agencies/{code}/clients} is
	 * {@code getApiAdminAgenciesByCodeClients}.
	 */
	static String operationId(PathItem.HttpMethod method, String path) {
		StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
		for (String segment : path.split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			boolean variable = segment.startsWith("{") && segment.endsWith("}");
			if (variable) {
				id.append("By");
				segment = segment.substring(1, segment.length() - 1);
			}
			for (String word : segment.split("[^A-Za-z0-9]+")) {
				if (!word.isEmpty()) {
					id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
				}
			}
		}
		return id.toString();
	}

	private static void exactMediaTypes(Operation operation) {
		if (operation.getRequestBody() != null) {
			replaceAny(operation.getRequestBody().getContent());
		}
		if (operation.getResponses() != null) {
			operation.getResponses().values().forEach((response) -> replaceAny(response.getContent()));
		}
	}

	private static void replaceAny(Content content) {
		if (content != null && content.containsKey(ANY)) {
			MediaType any = content.remove(ANY);
			content.putIfAbsent(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, any);
		}
	}

	private static void errorResponses(Operation operation, String path) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		boolean oauth = path.startsWith("/uma/resource_set") || path.startsWith("/uma/permission");
		Map<String, String> errors = new LinkedHashMap<>();
		errors.put("400", "The request is invalid; the body names the field at fault");
		errors.put("401", "No valid access token (a WWW-Authenticate challenge comes with it)");
		errors.put("403", "The token lacks the scope or role this operation needs");
		if (path.contains("{")) {
			errors.put("404", "Nothing with that identifier (for this caller)");
		}
		errors.put("503", "A dependency (database, audit log) is unavailable; retry later");
		errors.forEach((status, description) -> {
			if (!responses.containsKey(status)) {
				responses.addApiResponse(status, error(description, oauth));
			}
			else {
				ApiResponse existing = responses.get(status);
				existing.setContent(errorContent(oauth));
			}
		});
	}

	private static ApiResponse error(String description, boolean oauth) {
		return new ApiResponse().description(description).content(errorContent(oauth));
	}

	private static Content errorContent(boolean oauth) {
		return oauth
				? new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + OAUTH_ERROR)))
				: new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
	}

	private static Schema<?> problemSchema() {
		ObjectSchema fieldError = new ObjectSchema();
		fieldError.addProperty("field", new StringSchema().description("The member or parameter at fault"));
		fieldError.addProperty("message", new StringSchema());
		ObjectSchema problem = new ObjectSchema();
		problem.description("RFC 9457 problem details");
		problem.addProperty("type", new StringSchema().format("uri"));
		problem.addProperty("title", new StringSchema());
		problem.addProperty("status", new IntegerSchema());
		problem.addProperty("detail", new StringSchema());
		problem.addProperty("instance", new StringSchema().format("uri-reference"));
		problem.addProperty("errors", new ArraySchema().items(fieldError));
		return problem;
	}

	private static Schema<?> oauthErrorSchema() {
		ObjectSchema error = new ObjectSchema();
		error.description("OAuth 2.0 / UMA error (RFC 6749 section 5.2)");
		error.addProperty("error", new StringSchema());
		error.addProperty("error_description", new StringSchema());
		error.addProperty("error_uri", new StringSchema().format("uri"));
		error.setRequired(new ArrayList<>(List.of("error")));
		return error;
	}

}
