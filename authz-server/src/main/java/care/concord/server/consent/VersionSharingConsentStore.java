package care.concord.server.consent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import care.concord.identity.nhs.NhsNumber;

/**
 * A {@link ConsentStore} that shares each consent version bump with every node: when a
 * change bumps a citizen's version, the new version is raised in Redis just
 * <em>before</em> the transaction commits (see {@link ConsentVersions} for why before).
 * If Redis cannot be reached the commit fails and the change rolls back: a change other
 * nodes might not see is never acknowledged.
 */
public final class VersionSharingConsentStore implements ConsentStore {

	private final ConsentStore delegate;

	private final ConsentVersions versions;

	public VersionSharingConsentStore(ConsentStore delegate, ConsentVersions versions) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.versions = Objects.requireNonNull(versions, "versions");
	}

	@Override
	public long lockAndBump(NhsNumber subject, Instant now) {
		long version = this.delegate.lockAndBump(subject, now);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("consent changes must run in a transaction");
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				VersionSharingConsentStore.this.versions.raise(subject, version);
			}
		});
		return version;
	}

	@Override
	public long consentVersion(NhsNumber subject) {
		return this.delegate.consentVersion(subject);
	}

	@Override
	public ConsentState state(NhsNumber subject) {
		return this.delegate.state(subject);
	}

	@Override
	public Optional<DirectiveVersion> current(NhsNumber subject, String directiveId) {
		return this.delegate.current(subject, directiveId);
	}

	@Override
	public List<DirectiveVersion> history(NhsNumber subject, String directiveId) {
		return this.delegate.history(subject, directiveId);
	}

	@Override
	public void insert(DirectiveVersion version) {
		this.delegate.insert(version);
	}

	@Override
	public void setNationalOptOut(NhsNumber subject, boolean optOut, Instant now) {
		this.delegate.setNationalOptOut(subject, optOut, now);
	}

}
