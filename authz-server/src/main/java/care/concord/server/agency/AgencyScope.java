package care.concord.server.agency;

import java.util.Arrays;

import care.concord.policy.request.InvalidRequestException;

/**
 * The scopes an agency's client may be given.
 * <ul>
 * <li>{@code uma_protection}: resource server side of UMA 2.0 (register resources,
 * request permission tickets, introspect RPTs) - UMA Federated Authorization section
 * 1.2;</li>
 * <li>{@code uma_authorization}: requesting party side of UMA 2.0 (the UMA grant) - UMA
 * Grant section 3.3.1;</li>
 * <li>{@code identity}: the record linkage (identity matching) API;</li>
 * <li>{@code decision}: the consent decision API (AuthZEN evaluation);</li>
 * <li>{@code record_location}: record-location queries (which organisations hold records
 * about a person).</li>
 * </ul>
 * Clients using the authorization code flow may also ask for {@code openid} and
 * {@code profile}.
 */
public enum AgencyScope {

	UMA_PROTECTION("uma_protection"), UMA_AUTHORIZATION("uma_authorization"), IDENTITY("identity"),
	DECISION("decision"), RECORD_LOCATION("record_location"), OPENID("openid"), PROFILE("profile");

	private final String code;

	AgencyScope(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	public static AgencyScope fromCode(String code) {
		return Arrays.stream(values())
			.filter((scope) -> scope.code.equals(code))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("scopes", "unknown scope '" + code + "'"));
	}

}
