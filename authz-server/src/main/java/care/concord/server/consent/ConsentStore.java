package care.concord.server.consent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import care.concord.identity.nhs.NhsNumber;

/**
 * Persistence of citizens' consent: the versioned directives, the national data opt-out
 * and the per-citizen consent version. Writes must run inside a transaction that first
 * called {@link #lockAndBump}; that call serialises the changes of one citizen across
 * threads and nodes and bumps the consent version in the same transaction as the change.
 */
public interface ConsentStore {

	/**
	 * Locks the citizen's consent row (creating it when absent) and increments its
	 * consent version.
	 * @return the new consent version
	 */
	long lockAndBump(NhsNumber subject, Instant now);

	/**
	 * The citizen's current consent version; 0 for a citizen who never changed their
	 * consent.
	 */
	long consentVersion(NhsNumber subject);

	/** The citizen's consent as stored now (an empty state for an unknown citizen). */
	ConsentState state(NhsNumber subject);

	/** The current (highest) version of one directive of the citizen. */
	Optional<DirectiveVersion> current(NhsNumber subject, String directiveId);

	/**
	 * Every version of one directive of the citizen, oldest first; empty when there is no
	 * such directive.
	 */
	List<DirectiveVersion> history(NhsNumber subject, String directiveId);

	/**
	 * Records a directive version; fails when that version of the directive exists
	 * already.
	 */
	void insert(DirectiveVersion version);

	/** Sets the national data opt-out (the citizen's row must have been locked). */
	void setNationalOptOut(NhsNumber subject, boolean optOut, Instant now);

}
