package care.concord.server.oauth;

import org.springframework.util.Assert;

/**
 * The organisation that owns an OAuth client, as the token machinery needs it: the
 * ODS-style organisation code and type put in tokens as {@code org_code} /
 * {@code org_type}, and whether the client may currently obtain and use tokens (both the
 * organisation and the client are enabled).
 *
 * @param orgCode the organisation code, e.g. {@code A81001}
 * @param orgType the organisation type code of the consent vocabulary, e.g. {@code gp}
 * @param enabled false when the organisation or this client is disabled
 */
public record ClientOwner(String orgCode, String orgType, boolean enabled) {

	public ClientOwner {
		Assert.hasText(orgCode, "orgCode cannot be empty");
		Assert.hasText(orgType, "orgType cannot be empty");
	}

}
