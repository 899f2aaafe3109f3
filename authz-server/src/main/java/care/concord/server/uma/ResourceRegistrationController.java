package care.concord.server.uma;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import care.concord.server.oauth.PersonalSources;
import care.concord.server.relationship.CallingAgency;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The UMA protection API of Concord, used by resource servers with a PAT (an access token
 * with scope {@code uma_protection}): resource registration ({@code /uma/resource_set})
 * and the permission endpoint ({@code /uma/permission}). The resource server is the PAT's
 * organisation ({@code org_code}); it sees and changes only its own resources, and every
 * change is audited.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.3">UMA
 * FedAuthz section 3 (resource registration endpoint)</a>
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.4">UMA
 * FedAuthz section 4 (permission endpoint)</a>
 */
@RestController
public class ResourceRegistrationController {

	static final String RESOURCE_SET_PATH = "/uma/resource_set";

	static final String PERMISSION_PATH = "/uma/permission";

	private final ResourceSetRepository resources;

	private final PermissionTicketStore tickets;

	private final IdentityLookup identities;

	private final UmaAudit audit;

	private final UmaProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/**
	 * Without an {@link IdentityLookup} bean (the identity feature absent) no local
	 * identifier resolves, so registrations must name the subject's NHS number;
	 * {@code subject_local_id} is refused saying so.
	 */
	public ResourceRegistrationController(ResourceSetRepository resources, PermissionTicketStore tickets,
			ObjectProvider<IdentityLookup> identities, UmaAudit audit, UmaProperties properties,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.resources = resources;
		this.tickets = tickets;
		this.identities = identities.getIfAvailable(() -> (orgCode, localId) -> Optional.empty());
		this.audit = audit;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Creates a resource (FedAuthz 3.2.1): 201, {@code Location} and {@code {"_id":
	 * ...}}.
	 */
	@PostMapping(RESOURCE_SET_PATH)
	ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) String body,
			Authentication authentication, HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		ResourceDescription description = ResourceDescription.parse(UmaJson.read(body), caller.orgCode(),
				this.identities);
		checkPersonalSource(authentication, caller, description);
		Instant now = this.clock.instant();
		ResourceSet resource = new ResourceSet(UUID.randomUUID().toString(), caller.orgCode(), caller.orgType(),
				caller.clientId(), description.subject(), description.name(), description.category(),
				description.scopes(), description.description(), description.iconUri(), now, now);
		this.transactions.executeWithoutResult((status) -> {
			this.resources.insert(resource);
			this.audit.registration(caller.actor(null), resource, "resource-registered",
					CallingAgency.requestId(request));
		});
		return ResponseEntity.created(URI.create(RESOURCE_SET_PATH + "/" + resource.id()))
			.body(Map.of("_id", resource.id()));
	}

	/**
	 * A personal app's protection token is bound to one citizen and the categories they
	 * granted ({@link PersonalSources}): a registration about anyone else, or in another
	 * category, is refused (403 {@code insufficient_scope}) and audited; nothing is
	 * stored.
	 */
	private static void checkPersonalSource(Authentication authentication, CallingAgency caller,
			ResourceDescription description) {
		if (!PersonalSources.ORG_TYPE.equals(caller.orgType())) {
			return;
		}
		Jwt token = ((JwtAuthenticationToken) authentication).getToken();
		String owner = token.getClaimAsString(PersonalSources.OWNER_CLAIM);
		List<String> categories = token.getClaimAsStringList(PersonalSources.CATEGORIES_CLAIM);
		String refusal = null;
		if (owner == null || !owner.equals(description.subject().value())) {
			refusal = "a personal app registers pointers only about the citizen who connected it";
		}
		else if (categories == null || !categories.contains(description.category().code())) {
			refusal = "the citizen did not grant this app the category '" + description.category().code() + "'";
		}
		if (refusal != null) {
			// audited by UmaErrorAdvice before the answer
			throw new UmaErrorException(UmaError.INSUFFICIENT_SCOPE, refusal);
		}
	}

	/**
	 * Ids per page of the resource list when the caller gives no {@code limit}, and the
	 * most it may ask for.
	 */
	static final int MAX_PAGE = 1000;

	/**
	 * Lists the caller's resources (FedAuthz 3.2.5): a JSON array of ids, in id order, at
	 * most {@code limit} (default and maximum {@value #MAX_PAGE}) after the id
	 * {@code after}. When more follow, a
	 * {@code Link: <...?after=<last id>&limit=n>; rel="next"} header (RFC 8288) points to
	 * the next page; the body stays the plain array FedAuthz defines, so a client that
	 * ignores the header still reads a valid list.
	 */
	@GetMapping(RESOURCE_SET_PATH)
	ResponseEntity<List<String>> list(@RequestParam(name = "after", required = false) String after,
			@RequestParam(name = "limit", required = false) Integer limit, Authentication authentication) {
		int size = (limit == null) ? MAX_PAGE : limit;
		if (size < 1 || size > MAX_PAGE) {
			throw new UmaErrorException(UmaError.INVALID_REQUEST, "limit must be between 1 and " + MAX_PAGE);
		}
		List<String> page = this.resources.findIdsByHolder(CallingAgency.from(authentication).orgCode(), after,
				size + 1);
		if (page.size() <= size) {
			return ResponseEntity.ok(page);
		}
		List<String> ids = page.subList(0, size);
		String next = RESOURCE_SET_PATH + "?after="
				+ java.net.URLEncoder.encode(ids.get(size - 1), java.nio.charset.StandardCharsets.UTF_8) + "&limit="
				+ size;
		return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").body(List.copyOf(ids));
	}

	/** Reads one of the caller's resources (FedAuthz 3.2.2). */
	@GetMapping(RESOURCE_SET_PATH + "/{id}")
	Map<String, Object> read(@PathVariable String id, Authentication authentication) {
		return ResourceDescription.toJson(own(id, CallingAgency.from(authentication)));
	}

	/** Replaces the description of one of the caller's resources (FedAuthz 3.2.3). */
	@PutMapping(RESOURCE_SET_PATH + "/{id}")
	Map<String, Object> update(@PathVariable String id, @RequestBody(required = false) String body,
			Authentication authentication, HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		ResourceSet current = own(id, caller);
		ResourceDescription description = ResourceDescription.parse(UmaJson.read(body), caller.orgCode(),
				this.identities);
		checkPersonalSource(authentication, caller, description);
		ResourceSet updated = current.withDescription(description, this.clock.instant());
		this.transactions.executeWithoutResult((status) -> {
			if (!this.resources.update(updated)) {
				throw notFound();
			}
			this.audit.registration(caller.actor(null), updated, "resource-updated", CallingAgency.requestId(request));
		});
		return Map.of("_id", id);
	}

	/** Deletes one of the caller's resources (FedAuthz 3.2.4): 204. */
	@DeleteMapping(RESOURCE_SET_PATH + "/{id}")
	ResponseEntity<Void> delete(@PathVariable String id, Authentication authentication, HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		ResourceSet resource = own(id, caller);
		this.transactions.executeWithoutResult((status) -> {
			if (!this.resources.delete(id, caller.orgCode())) {
				throw notFound();
			}
			this.audit.registration(caller.actor(null), resource, "resource-deleted", CallingAgency.requestId(request));
		});
		return ResponseEntity.noContent().build();
	}

	/**
	 * Requests permissions on the caller's resources for a client (FedAuthz 4.1): one
	 * permission object or an array of them; answers 201 {@code {"ticket": ...}}.
	 */
	@PostMapping(PERMISSION_PATH)
	ResponseEntity<Map<String, Object>> permission(@RequestBody(required = false) String body,
			Authentication authentication, HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		List<UmaPermission> permissions = permissions(UmaJson.read(body), caller);
		Instant now = this.clock.instant();
		PermissionTicket ticket = new PermissionTicket(caller.orgCode(), caller.clientId(), permissions, now,
				now.plus(this.properties.ticketTtl()));
		String value = this.tickets.issue(ticket);
		this.audit.permissionRegistered(caller.actor(null), ticket, PermissionTicketValues.reference(value),
				CallingAgency.requestId(request));
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("ticket", value));
	}

	private List<UmaPermission> permissions(JsonNode json, CallingAgency caller) {
		List<JsonNode> entries = new ArrayList<>();
		if (json.isArray()) {
			json.forEach(entries::add);
		}
		else if (json.isObject()) {
			entries.add(json);
		}
		else {
			throw new UmaErrorException(UmaError.INVALID_REQUEST,
					"the body must be a permission object or an array of them");
		}
		if (entries.isEmpty()) {
			throw new UmaErrorException(UmaError.INVALID_REQUEST, "at least one permission is required");
		}
		if (entries.size() > this.properties.maxPermissionsPerTicket()) {
			throw new UmaErrorException(UmaError.INVALID_REQUEST,
					"at most " + this.properties.maxPermissionsPerTicket() + " permissions may be requested at once");
		}
		List<UmaPermission> permissions = new ArrayList<>();
		for (JsonNode entry : entries) {
			permissions.add(permission(entry, caller));
		}
		return permissions;
	}

	private UmaPermission permission(JsonNode entry, CallingAgency caller) {
		if (!entry.isObject()) {
			throw new UmaErrorException(UmaError.INVALID_REQUEST, "each permission must be a JSON object");
		}
		for (String member : entry.propertyNames()) {
			if (!"resource_id".equals(member) && !"resource_scopes".equals(member)) {
				throw new UmaErrorException(UmaError.INVALID_REQUEST,
						"unexpected member in a permission; only resource_id and resource_scopes are accepted");
			}
		}
		JsonNode id = entry.get("resource_id");
		if (id == null || !id.isString() || id.asString().isEmpty()) {
			throw new UmaErrorException(UmaError.INVALID_REQUEST, "'resource_id' is missing");
		}
		JsonNode scopes = entry.get("resource_scopes");
		if (scopes == null || !scopes.isArray() || scopes.isEmpty()) {
			throw new UmaErrorException(UmaError.INVALID_REQUEST, "'resource_scopes' must be a non-empty array");
		}
		if (scopes.size() > ResourceDescription.MAX_SCOPES) {
			throw new UmaErrorException(UmaError.INVALID_REQUEST,
					"'resource_scopes' has more than " + ResourceDescription.MAX_SCOPES + " entries");
		}
		ResourceSet resource = this.resources.findByIdAndHolder(id.asString(), caller.orgCode())
			.orElseThrow(() -> new UmaErrorException(UmaError.INVALID_RESOURCE_ID,
					"resource_id is not a resource registered by " + caller.orgCode()));
		Set<String> requested = new LinkedHashSet<>();
		for (JsonNode scope : scopes) {
			if (!scope.isString() || !resource.scopes().contains(scope.asString())) {
				throw new UmaErrorException(UmaError.INVALID_SCOPE,
						"a requested scope was not registered for resource " + resource.id());
			}
			requested.add(scope.asString());
		}
		return new UmaPermission(resource.id(), requested);
	}

	private ResourceSet own(String id, CallingAgency caller) {
		// Another holder's resource answers exactly like a missing one, so ids reveal
		// nothing.
		return this.resources.findByIdAndHolder(id, caller.orgCode())
			.orElseThrow(ResourceRegistrationController::notFound);
	}

	private static UmaErrorException notFound() {
		return new UmaErrorException(UmaError.NOT_FOUND, "no such resource registered by this resource server");
	}

}
