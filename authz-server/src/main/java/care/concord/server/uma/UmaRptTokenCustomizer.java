package care.concord.server.uma;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.server.oauth.ConcordAuthorizationService;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.util.Assert;

/**
 * Writes the claims of a requesting party token (RPT) from the
 * {@link UmaGrantedPermissions} carried on the {@link UmaTicketGrantAuthenticationToken}:
 * {@code permissions} (each with {@code resource_id}, {@code resource_scopes} and
 * {@code exp}), {@code exp} = issue time + {@code concord.uma.rpt-ttl},
 * {@code obligations} and {@code break_glass} when a permission was granted by break
 * glass, and the {@code purpose_of_use}, {@code practitioner_role},
 * {@code practitioner_id} the permissions were decided for. Runs after Concord's standard
 * customizer (client, organisation, key id) and does nothing for other tokens.
 *
 * <p>
 * Claim values are Strings, Booleans, Integers, {@link ArrayList}s and
 * {@link LinkedHashMap}s only: the JDBC authorization store reads claims back through an
 * allow-listing Jackson mapper that refuses JDK immutable collections, and {@code Long}
 * values do not read back as written. (Epoch seconds fit an Integer until 2038.)
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.5.1.1">UMA
 * FedAuthz section 5.1.1 (permissions)</a>
 */
public final class UmaRptTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** The RPT claim listing the granted permissions. */
	public static final String PERMISSIONS = "permissions";

	private final Duration rptTtl;

	public UmaRptTokenCustomizer(Duration rptTtl) {
		Assert.notNull(rptTtl, "rptTtl cannot be null");
		this.rptTtl = rptTtl;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
				|| !(context.getAuthorizationGrant() instanceof UmaTicketGrantAuthenticationToken grant)
				|| grant.getGrantedPermissions() == null) {
			return;
		}
		UmaGrantedPermissions granted = grant.getGrantedPermissions();
		context.getClaims().claims((claims) -> {
			Instant issuedAt = (claims.get("iat") instanceof Instant instant) ? instant : Instant.now();
			Instant expiresAt = issuedAt.plus(this.rptTtl);
			claims.put("exp", expiresAt);
			claims.put(PERMISSIONS, permissions(granted.permissions(), expiresAt));
			claims.remove("scope");
			if (!granted.obligations().isEmpty()) {
				claims.put("obligations", new ArrayList<>(granted.obligations()));
			}
			if (granted.breakGlass()) {
				claims.put("break_glass", Boolean.TRUE);
			}
			else {
				// self-contained, not stored (see ConcordAuthorizationService);
				// break-glass RPTs are stored
				claims.put(ConcordAuthorizationService.GRANT_TYPE_CLAIM, ConcordAuthorizationService.UMA_TICKET);
			}
			claims.put(ClaimTokenVerifier.PURPOSE_OF_USE, granted.purposeOfUse());
			claims.put(ClaimTokenVerifier.PRACTITIONER_ROLE, granted.practitionerRole());
			if (granted.practitionerId() != null) {
				claims.put(ClaimTokenVerifier.PRACTITIONER_ID, granted.practitionerId());
			}
		});
	}

	static List<Map<String, Object>> permissions(List<UmaPermission> permissions, Instant expiresAt) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (UmaPermission permission : permissions) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("resource_id", permission.resourceId());
			entry.put("resource_scopes", new ArrayList<>(permission.scopes()));
			entry.put("exp", Math.toIntExact(expiresAt.getEpochSecond()));
			list.add(entry);
		}
		return list;
	}

}
