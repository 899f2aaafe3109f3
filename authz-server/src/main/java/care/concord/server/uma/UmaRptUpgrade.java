package care.concord.server.uma;

import java.time.Clock;
import java.time.Instant;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.Assert;

/**
 * RPT upgrade (UMA Grant section 3.3.1, token request parameter {@code rpt}; section
 * 3.3.5.1, response parameter {@code upgraded}): the client presents an RPT it holds with
 * a new ticket, and the new RPT carries the permissions of both.
 *
 * <ol>
 * <li>{@link #presented}: the presented RPT must be this client's, active and an
 * RPT.</li>
 * <li>{@link #carryOver}: its permissions not in the ticket are added to the request, to
 * be decided again with this request's claims like the ticket's: none is carried over
 * without a fresh, audited decision.</li>
 * <li>{@link #completes}: the new RPT is an upgrade ({@code "upgraded": true}) only when
 * it holds every permission the presented one did; then {@link #replace} revokes the
 * presented RPT, one live RPT per upgrade chain. Otherwise the presented RPT stays as it
 * was and the client keeps using it alongside (its permissions are decided again at every
 * introspection).</li>
 * </ol>
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.5.1">UMA
 * Grant section 3.3.5.1</a>
 */
final class UmaRptUpgrade {

	/** The token request parameter of an RPT upgrade. */
	static final String RPT_PARAMETER = "rpt";

	/**
	 * The token response parameter saying the new RPT holds the presented RPT's
	 * permissions.
	 */
	static final String UPGRADED_PARAMETER = "upgraded";

	private final OAuth2AuthorizationService authorizations;

	private final ResourceSetRepository resources;

	private final Clock clock;

	UmaRptUpgrade(OAuth2AuthorizationService authorizations, ResourceSetRepository resources, Clock clock) {
		Assert.notNull(authorizations, "authorizations cannot be null");
		Assert.notNull(resources, "resources cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.authorizations = authorizations;
		this.resources = resources;
		this.clock = clock;
	}

	/**
	 * The RPT presented for upgrade.
	 * @return empty without {@code rpt}
	 * @throws OAuth2AuthenticationException {@code invalid_grant} when it is unknown,
	 * inactive, not an RPT or another client's
	 */
	Optional<OAuth2Authorization> presented(UmaTicketGrantAuthenticationToken grant, RegisteredClient client) {
		Object value = grant.getAdditionalParameters().get(RPT_PARAMETER);
		if (value == null) {
			return Optional.empty();
		}
		OAuth2Authorization previous = (value instanceof String rpt && !rpt.isBlank())
				? this.authorizations.findByToken(rpt, OAuth2TokenType.ACCESS_TOKEN) : null;
		if (previous == null || previous.getAccessToken() == null || !isActive(previous.getAccessToken())
				|| !UmaTicketGrantAuthenticationToken.UMA_TICKET.equals(previous.getAuthorizationGrantType())
				|| !client.getId().equals(previous.getRegisteredClientId())) {
			throw UmaGrantErrors.error(OAuth2ErrorCodes.INVALID_GRANT,
					"the rpt to upgrade is unknown, expired, revoked, not an RPT or not this client's");
		}
		return Optional.of(previous);
	}

	/**
	 * Not revoked, and valid now by the server's clock (not the JVM's, which
	 * {@code Token.isActive()} reads).
	 */
	private boolean isActive(OAuth2Authorization.Token<?> token) {
		Instant now = this.clock.instant();
		Instant expiresAt = token.getToken().getExpiresAt();
		Instant notBefore = token.getClaims() != null && token.getClaims().get("nbf") instanceof Instant nbf ? nbf
				: null;
		return !token.isInvalidated() && (expiresAt == null || now.isBefore(expiresAt))
				&& (notBefore == null || !now.isBefore(notBefore));
	}

	/**
	 * Adds the presented RPT's permissions that the ticket does not name to
	 * {@code requested}, and their resources to {@code held}. A resource deleted since
	 * has nothing to carry over.
	 */
	void carryOver(OAuth2Authorization previous, List<UmaPermission> requested, Map<String, ResourceSet> held) {
		Set<String> present = new HashSet<>();
		requested.forEach((permission) -> present.add(permission.resourceId()));
		for (String id : resourceIds(previous)) {
			if (!present.add(id)) {
				continue;
			}
			ResourceSet resource = this.resources.findById(id).orElse(null);
			if (resource != null) {
				held.put(id, resource);
				requested.add(new UmaPermission(id, Set.of(ResourceDescription.READ)));
			}
		}
	}

	/**
	 * True when the granted permissions include every resource of the presented RPT: an
	 * upgrade.
	 */
	boolean completes(OAuth2Authorization previous, List<UmaPermission> granted) {
		Set<String> grantedIds = new HashSet<>();
		granted.forEach((permission) -> grantedIds.add(permission.resourceId()));
		return grantedIds.containsAll(resourceIds(previous));
	}

	/** Revokes the presented RPT once its upgrade has been issued. */
	void replace(OAuth2Authorization previous) {
		this.authorizations
			.save(OAuth2Authorization.from(previous).invalidate(previous.getAccessToken().getToken()).build());
	}

	private static Set<String> resourceIds(OAuth2Authorization rpt) {
		Set<String> ids = new java.util.LinkedHashSet<>();
		Object listed = rpt.getAccessToken().getClaims() != null
				? rpt.getAccessToken().getClaims().get(UmaRptTokenCustomizer.PERMISSIONS) : null;
		if (listed instanceof List<?> entries) {
			for (Object entry : entries) {
				if (entry instanceof Map<?, ?> permission && permission.get("resource_id") instanceof String id) {
					ids.add(id);
				}
			}
		}
		return ids;
	}

}
