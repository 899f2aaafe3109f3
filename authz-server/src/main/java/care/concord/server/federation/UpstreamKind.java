package care.concord.server.federation;

/**
 * What kind of people an upstream provider vouches for, and so how its claims are mapped.
 */
public enum UpstreamKind {

	/** NHS login: citizens, identified by their NHS number at a proofing level. */
	NHS_LOGIN,

	/** NHS Care Identity Service 2: health and care staff, with their selected role. */
	CIS2

}
