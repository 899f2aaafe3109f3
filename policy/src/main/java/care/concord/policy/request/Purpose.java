package care.concord.policy.request;

import java.util.EnumSet;
import java.util.Set;

/**
 * A purpose of use, the closed set of consent-decisions.md "Vocabulary"
 * ({@code purpose}), with its HL7 FHIR PurposeOfUse code and the organisation types layer
 * 1 ("Purpose rule") permits to use it.
 *
 * @see <a href="https://terminology.hl7.org/CodeSystem-v3-ActReason.html">HL7 v3
 * ActReason (PurposeOfUse)</a>
 */
public enum Purpose {

	DIRECT_CARE("direct-care", "TREAT", "direct care", OrgType.GP, OrgType.ACUTE_HOSPITAL, OrgType.MENTAL_HEALTH_TRUST,
			OrgType.COMMUNITY_HEALTH, OrgType.AMBULANCE, OrgType.PHARMACY, OrgType.SOCIAL_CARE),
	EMERGENCY_CARE("emergency-care", "ETREAT", "emergency care", OrgType.GP, OrgType.ACUTE_HOSPITAL,
			OrgType.MENTAL_HEALTH_TRUST, OrgType.COMMUNITY_HEALTH, OrgType.AMBULANCE),
	RESEARCH("research", "HRESCH", "research", OrgType.RESEARCH),
	PLANNING("planning", "HOPERAT", "planning", OrgType.COMMISSIONER);

	private static final Purpose[] VALUES = values();

	private final String code;

	private final String fhirCode;

	private final String label;

	/**
	 * Bit {@code t.ordinal()} set when type {@code t} may use this purpose: one AND on
	 * the hot path.
	 */
	private final int permittedOrgTypes;

	Purpose(String code, String fhirCode, String label, OrgType... permitted) {
		this.code = code;
		this.fhirCode = fhirCode;
		this.label = label;
		int mask = 0;
		for (OrgType type : permitted) {
			mask |= 1 << type.ordinal();
		}
		this.permittedOrgTypes = mask;
	}

	/** The spec code, e.g. {@code direct-care}. */
	public String code() {
		return this.code;
	}

	/** The HL7 PurposeOfUse code: TREAT, ETREAT, HRESCH or HOPERAT. */
	public String fhirCode() {
		return this.fhirCode;
	}

	/** Plain English, e.g. "emergency care". */
	public String label() {
		return this.label;
	}

	/** True when layer 1 of the spec lets this organisation type use this purpose. */
	public boolean isPermittedTo(OrgType type) {
		return (this.permittedOrgTypes & (1 << type.ordinal())) != 0;
	}

	/** The organisation types layer 1 permits for this purpose. */
	public Set<OrgType> permittedOrgTypes() {
		EnumSet<OrgType> types = EnumSet.noneOf(OrgType.class);
		for (OrgType type : OrgType.values()) {
			if (isPermittedTo(type)) {
				types.add(type);
			}
		}
		return types;
	}

	/**
	 * The purpose with the given spec code.
	 * @throws InvalidRequestException (field {@code purpose}) for null or unknown codes
	 */
	public static Purpose fromCode(String code) {
		for (Purpose purpose : VALUES) {
			if (purpose.code.equals(code)) {
				return purpose;
			}
		}
		throw new InvalidRequestException("purpose",
				(code == null) ? "purpose is missing" : "unknown purpose of use '" + code + "'");
	}

	/**
	 * The purpose with the given HL7 PurposeOfUse code (TREAT, ETREAT, HRESCH, HOPERAT).
	 * @throws InvalidRequestException (field {@code purpose}) for null or unmapped codes
	 */
	public static Purpose fromFhirCode(String fhirCode) {
		for (Purpose purpose : VALUES) {
			if (purpose.fhirCode.equals(fhirCode)) {
				return purpose;
			}
		}
		throw new InvalidRequestException("purpose", (fhirCode == null) ? "purpose is missing"
				: "PurposeOfUse code '" + fhirCode + "' has no Concord purpose");
	}

	@Override
	public String toString() {
		return this.code;
	}

}
