package care.concord.server.uma;

import java.util.Map;

import org.springframework.lang.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.util.Assert;

/**
 * An {@link org.springframework.security.core.Authentication} for the UMA grant
 * ({@code urn:ietf:params:oauth:grant-type:uma-ticket}): the permission ticket and the
 * pushed claim token. Once the grant has been decided, a copy carrying the
 * {@link UmaGrantedPermissions} is the authorization grant of the RPT's token context,
 * which is how the RPT's claims reach the token customizer.
 *
 * @see UmaTicketGrantAuthenticationConverter
 * @see UmaTicketGrantAuthenticationProvider
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.1">UMA
 * Grant section 3.3.1</a>
 */
public class UmaTicketGrantAuthenticationToken extends OAuth2AuthorizationGrantAuthenticationToken {

	/** The UMA grant type. */
	public static final AuthorizationGrantType UMA_TICKET = new AuthorizationGrantType(
			"urn:ietf:params:oauth:grant-type:uma-ticket");

	private final String ticket;

	private final String claimToken;

	private final String claimTokenFormat;

	private final UmaGrantedPermissions grantedPermissions;

	/**
	 * A UMA grant request.
	 * @param ticket the permission ticket
	 * @param claimToken the pushed claim token, or null
	 * @param claimTokenFormat its format, or null when there is no claim token
	 * @param clientPrincipal the authenticated client
	 * @param additionalParameters other request parameters
	 */
	public UmaTicketGrantAuthenticationToken(String ticket, @Nullable String claimToken,
			@Nullable String claimTokenFormat, Authentication clientPrincipal,
			@Nullable Map<String, Object> additionalParameters) {
		this(ticket, claimToken, claimTokenFormat, clientPrincipal, additionalParameters, null);
	}

	private UmaTicketGrantAuthenticationToken(String ticket, String claimToken, String claimTokenFormat,
			Authentication clientPrincipal, Map<String, Object> additionalParameters,
			UmaGrantedPermissions grantedPermissions) {
		super(UMA_TICKET, clientPrincipal, additionalParameters);
		Assert.hasText(ticket, "ticket cannot be empty");
		Assert.isTrue(claimToken == null || claimTokenFormat != null, "claimTokenFormat is required with a claimToken");
		this.ticket = ticket;
		this.claimToken = claimToken;
		this.claimTokenFormat = claimTokenFormat;
		this.grantedPermissions = grantedPermissions;
	}

	/**
	 * A copy of this grant carrying the decided permissions, for the RPT's token context.
	 */
	public UmaTicketGrantAuthenticationToken withGrantedPermissions(UmaGrantedPermissions grantedPermissions) {
		Assert.notNull(grantedPermissions, "grantedPermissions cannot be null");
		return new UmaTicketGrantAuthenticationToken(this.ticket, this.claimToken, this.claimTokenFormat,
				(Authentication) getPrincipal(), getAdditionalParameters(), grantedPermissions);
	}

	/** The permission ticket. */
	public String getTicket() {
		return this.ticket;
	}

	/** The pushed claim token, or null. */
	@Nullable
	public String getClaimToken() {
		return this.claimToken;
	}

	/** The claim token's format, or null. */
	@Nullable
	public String getClaimTokenFormat() {
		return this.claimTokenFormat;
	}

	/** The decided permissions, or null before the grant is decided. */
	@Nullable
	public UmaGrantedPermissions getGrantedPermissions() {
		return this.grantedPermissions;
	}

}
