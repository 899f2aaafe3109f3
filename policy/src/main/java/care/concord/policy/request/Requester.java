package care.concord.policy.request;

/**
 * Who asks for data: the requesting organisation's code, its type and the practitioner's
 * role (consent-decisions.md "Inputs", {@code requester}).
 *
 * @param organisation organisation code (ODS code), see {@link Codes#organisation}
 * @param orgType the organisation's type
 * @param role the practitioner's role token, {@code [a-z-]{1,40}}
 */
public record Requester(String organisation, OrgType orgType, String role) {

	public Requester {
		Codes.organisation("request.requester.organisation", organisation);
		Codes.required("request.requester.org_type", orgType);
		Codes.role("request.requester.role", role);
	}

	/**
	 * Parses a requester from the raw strings of the wire form.
	 * @throws InvalidRequestException naming the {@code request.requester.*} field at
	 * fault
	 */
	public static Requester parse(String organisation, String orgType, String role) {
		OrgType type;
		try {
			type = OrgType.fromCode(orgType);
		}
		catch (InvalidRequestException ex) {
			throw ex.prefixed("request.requester.");
		}
		return new Requester(organisation, type, role);
	}

}
