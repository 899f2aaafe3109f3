package care.concord.server.uma;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.Category;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.Printable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * A validated resource description as a resource server sends it to the resource
 * registration endpoint (UMA FedAuthz section 3.1), restricted to what Concord keeps: a
 * pointer, never care content.
 *
 * <p>
 * Accepted members: {@code name} (optional), {@code type} (required: a data category of
 * consent-decisions.md, as {@code https://concord.care/category/<code>} or the bare
 * code), {@code resource_scopes} (required, must include {@code read}; {@code read} is
 * the only scope), {@code description} and {@code icon_uri} (optional), and the subject:
 * {@code subject} (NHS number) or {@code subject_local_id} (resolved with
 * {@link IdentityLookup}). Any other member is refused, so that nothing that looks like
 * care content can be stored.
 *
 * @param name display name, or null (FedAuthz 3.1 makes it optional)
 * @param category data category
 * @param scopes resource scopes, {@code read} first
 * @param description optional description, or null
 * @param iconUri optional icon URI, or null
 * @param subject the subject's NHS number
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#resource-set-desc">UMA
 * FedAuthz section 3.1</a>
 */
public record ResourceDescription(String name, Category category, List<String> scopes, String description,
		String iconUri, NhsNumber subject) {

	/** Prefix of the category URIs used as resource {@code type}. */
	public static final String CATEGORY_TYPE_PREFIX = "https://concord.care/category/";

	/**
	 * The one resource scope: disclosure of the category's data to the requesting party.
	 */
	public static final String READ = "read";

	static final Set<String> SUPPORTED_SCOPES = Set.of(READ);

	static final int MAX_NAME = 200;

	static final int MAX_DESCRIPTION = 500;

	static final int MAX_URI = 500;

	static final int MAX_SCOPES = 10;

	static final int MAX_LOCAL_ID = 64;

	private static final Set<String> MEMBERS = Set.of("name", "type", "resource_scopes", "description", "icon_uri",
			"subject", "subject_local_id");

	public ResourceDescription {
		Assert.isTrue(name == null || !name.isBlank(), "name cannot be blank");
		Assert.notNull(category, "category cannot be null");
		Assert.notEmpty(scopes, "scopes cannot be empty");
		Assert.notNull(subject, "subject cannot be null");
		scopes = List.copyOf(scopes);
	}

	/**
	 * Parses and validates a resource description.
	 * @param json the request body
	 * @param holder the registering resource server's organisation code, for
	 * {@code subject_local_id}
	 * @param identities resolves {@code subject_local_id}
	 * @throws UmaErrorException {@code invalid_request} naming the member at fault
	 */
	public static ResourceDescription parse(JsonNode json, String holder, IdentityLookup identities) {
		if (json == null || !json.isObject()) {
			throw invalid("the resource description must be a JSON object");
		}
		for (String member : json.propertyNames()) {
			if (!MEMBERS.contains(member)) {
				throw invalid("unexpected member '" + Printable.of(member)
						+ "': a resource description holds a pointer (name, type, resource_scopes, description,"
						+ " icon_uri, subject or subject_local_id), never care content");
			}
		}
		String name = text(json, "name", MAX_NAME, false);
		Category category = category(text(json, "type", MAX_URI, true));
		List<String> scopes = scopes(json.get("resource_scopes"));
		String description = text(json, "description", MAX_DESCRIPTION, false);
		String iconUri = iconUri(text(json, "icon_uri", MAX_URI, false));
		NhsNumber subject = subject(json, holder, identities);
		return new ResourceDescription(name, category, scopes, description, iconUri, subject);
	}

	/** The resource {@code type} as Concord writes it: the category URI. */
	public static String typeUri(Category category) {
		return CATEGORY_TYPE_PREFIX + category.code();
	}

	/**
	 * The description JSON of a registered resource (FedAuthz 3.2.3), with {@code _id}.
	 */
	public static Map<String, Object> toJson(ResourceSet resource) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("_id", resource.id());
		if (resource.name() != null) {
			json.put("name", resource.name());
		}
		json.put("type", typeUri(resource.category()));
		json.put("resource_scopes", new ArrayList<>(resource.scopes()));
		if (resource.description() != null) {
			json.put("description", resource.description());
		}
		if (resource.iconUri() != null) {
			json.put("icon_uri", resource.iconUri());
		}
		json.put("subject", resource.subject().value());
		return json;
	}

	private static String text(JsonNode json, String member, int max, boolean required) {
		JsonNode value = json.get(member);
		if (value == null || value.isNull()) {
			if (required) {
				throw invalid("'" + member + "' is missing");
			}
			return null;
		}
		if (!value.isString()) {
			throw invalid("'" + member + "' must be a string");
		}
		String text = value.asString().strip();
		if (text.isEmpty()) {
			if (required) {
				throw invalid("'" + member + "' is empty");
			}
			return null;
		}
		if (text.length() > max) {
			throw invalid("'" + member + "' is longer than " + max + " characters");
		}
		if (text.chars().anyMatch(Character::isISOControl)) {
			throw invalid("'" + member + "' contains control characters");
		}
		return text;
	}

	private static Category category(String type) {
		String code = type.startsWith(CATEGORY_TYPE_PREFIX) ? type.substring(CATEGORY_TYPE_PREFIX.length()) : type;
		try {
			return Category.fromCode(code);
		}
		catch (InvalidRequestException ex) {
			throw invalid("'type' must be a data category, as " + CATEGORY_TYPE_PREFIX + "<code> or the bare code: "
					+ ex.problem());
		}
	}

	private static List<String> scopes(JsonNode value) {
		if (value == null || value.isNull()) {
			throw invalid("'resource_scopes' is missing");
		}
		if (!value.isArray()) {
			throw invalid("'resource_scopes' must be an array of strings");
		}
		if (value.size() > MAX_SCOPES) {
			throw invalid("'resource_scopes' has more than " + MAX_SCOPES + " entries");
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (JsonNode scope : value) {
			if (!scope.isString()) {
				throw invalid("'resource_scopes' must be an array of strings");
			}
			String code = scope.asString();
			if (!SUPPORTED_SCOPES.contains(code)) {
				throw invalid("unsupported resource scope '" + Printable.of(code) + "'; supported: " + READ);
			}
			scopes.add(code);
		}
		if (!scopes.contains(READ)) {
			throw invalid("'resource_scopes' must include '" + READ + "'");
		}
		return List.copyOf(scopes);
	}

	private static String iconUri(String value) {
		if (value == null) {
			return null;
		}
		try {
			URI uri = new URI(value);
			if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw invalid("'icon_uri' must be an absolute https URI");
			}
		}
		catch (URISyntaxException ex) {
			throw invalid("'icon_uri' is not a valid URI");
		}
		return value;
	}

	private static NhsNumber subject(JsonNode json, String holder, IdentityLookup identities) {
		JsonNode subject = json.get("subject");
		JsonNode localId = json.get("subject_local_id");
		boolean hasSubject = subject != null && !subject.isNull();
		boolean hasLocalId = localId != null && !localId.isNull();
		if (hasSubject == hasLocalId) {
			throw invalid("exactly one of 'subject' (NHS number) and 'subject_local_id' is required");
		}
		if (hasSubject) {
			if (!subject.isString()) {
				throw invalid("'subject' must be an NHS number as a string");
			}
			try {
				return NhsNumber.parse(subject.asString());
			}
			catch (IllegalArgumentException ex) {
				throw invalid("'subject': " + ex.getMessage());
			}
		}
		String local = text(json, "subject_local_id", MAX_LOCAL_ID, true);
		return identities.nhsNumberForLocalId(holder, local)
			.orElseThrow(() -> invalid("'subject_local_id' is not linked to an NHS number for " + holder
					+ "; register the resource with 'subject' or link the local identifier first"));
	}

	private static UmaErrorException invalid(String description) {
		return new UmaErrorException(UmaError.INVALID_REQUEST, description);
	}
}
