package care.concord.server.oauth;

/**
 * The life-cycle state of a {@link SigningKey}.
 *
 * <pre>
 *   (generated) --&gt; ACTIVE --rotate--&gt; RETIRED --not_after passes--&gt; (no longer published)
 * </pre> An active key signs new tokens; a retired key signs nothing but stays in the JWK
 * Set until {@code not_after}, so tokens it signed can still be verified.
 */
public enum SigningKeyStatus {

	ACTIVE("active"), RETIRED("retired");

	private final String code;

	SigningKeyStatus(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	public static SigningKeyStatus fromCode(String code) {
		for (SigningKeyStatus status : values()) {
			if (status.code.equals(code)) {
				return status;
			}
		}
		throw new IllegalArgumentException("unknown signing key status '" + code + "'");
	}

}
