package care.concord.server.uma;

import java.time.Instant;
import java.util.List;

import org.springframework.util.Assert;

/**
 * What a permission ticket stands for: the permissions a resource server requested for a
 * client, which resource server (organisation and OAuth client) requested them, and until
 * when the ticket may be redeemed.
 *
 * @param resourceServer the organisation code of the resource server (the holder of every
 * resource in it)
 * @param resourceServerClientId the OAuth client whose PAT requested the ticket
 * @param permissions the requested permissions, at least one (unmodifiable)
 * @param issuedAt when the ticket was issued
 * @param expiresAt when the ticket stops being redeemable (exclusive)
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.4.2">UMA
 * 2.0 Federated Authorization section 4.2</a>
 */
public record PermissionTicket(String resourceServer, String resourceServerClientId, List<UmaPermission> permissions,
		Instant issuedAt, Instant expiresAt) {

	public PermissionTicket {
		Assert.hasText(resourceServer, "resourceServer cannot be empty");
		Assert.hasText(resourceServerClientId, "resourceServerClientId cannot be empty");
		Assert.notEmpty(permissions, "permissions cannot be empty");
		Assert.noNullElements(permissions, "permissions cannot contain null");
		Assert.notNull(issuedAt, "issuedAt cannot be null");
		Assert.notNull(expiresAt, "expiresAt cannot be null");
		Assert.isTrue(expiresAt.isAfter(issuedAt), "expiresAt must be after issuedAt");
		permissions = List.copyOf(permissions);
	}

	/** True when the ticket may no longer be redeemed at that instant. */
	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

}
