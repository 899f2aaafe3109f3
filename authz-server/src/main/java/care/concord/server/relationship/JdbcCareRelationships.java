package care.concord.server.relationship;

import java.sql.Timestamp;
import java.time.Clock;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditOutcome;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * {@link CareRelationships} in the shared database: a relationship exists when the
 * organisation holds a registered UMA resource about the subject
 * ({@code uma_resource_set}) or has declared one ({@code care_relationship}).
 * Declarations and their ends are audited ({@code REGISTRATION_CHANGE}) in the same
 * transaction as the change, so a change that cannot be audited is rolled back.
 */
public final class JdbcCareRelationships implements CareRelationships {

	private static final String EXISTS = "SELECT COUNT(*) FROM (SELECT 1 AS one FROM care_relationship"
			+ " WHERE organisation = ? AND subject_nhs_number = ?"
			+ " UNION ALL SELECT 1 AS one FROM uma_resource_set WHERE holder = ? AND subject_nhs_number = ?) r";

	private static final String DECLARED = "SELECT COUNT(*) FROM care_relationship"
			+ " WHERE organisation = ? AND subject_nhs_number = ?";

	private final JdbcOperations jdbc;

	private final TransactionTemplate transactions;

	private final AuditLog auditLog;

	private final Clock clock;

	public JdbcCareRelationships(JdbcOperations jdbc, TransactionTemplate transactions, AuditLog auditLog,
			Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(auditLog, "auditLog cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Override
	public boolean exists(String organisation, NhsNumber subject) {
		Assert.hasText(organisation, "organisation cannot be empty");
		Assert.notNull(subject, "subject cannot be null");
		Integer count = this.jdbc.queryForObject(EXISTS, Integer.class, organisation, subject.value(), organisation,
				subject.value());
		return count != null && count > 0;
	}

	@Override
	public boolean declare(AuditActor actor, String organisation, NhsNumber subject) {
		Assert.notNull(actor, "actor cannot be null");
		Assert.hasText(organisation, "organisation cannot be empty");
		Assert.notNull(subject, "subject cannot be null");
		try {
			Boolean created = this.transactions.execute((status) -> {
				if (isDeclared(organisation, subject)) {
					return false;
				}
				this.jdbc.update(
						"INSERT INTO care_relationship (organisation, subject_nhs_number, declared_by_client,"
								+ " declared_at) VALUES (?, ?, ?, ?)",
						organisation, subject.value(), (actor.clientId() != null) ? actor.clientId() : "-",
						Timestamp.from(this.clock.instant()));
				audit(actor, organisation, subject, "care-relationship-declared",
						organisation + " declared a care relationship with the citizen.");
				return true;
			});
			return Boolean.TRUE.equals(created);
		}
		catch (DuplicateKeyException ex) {
			// declared concurrently by another request: it exists, and that request
			// audited it
			return false;
		}
	}

	@Override
	public boolean end(AuditActor actor, String organisation, NhsNumber subject) {
		Assert.notNull(actor, "actor cannot be null");
		Assert.hasText(organisation, "organisation cannot be empty");
		Assert.notNull(subject, "subject cannot be null");
		Boolean ended = this.transactions.execute((status) -> {
			int rows = this.jdbc.update(
					"DELETE FROM care_relationship WHERE organisation = ? AND subject_nhs_number = ?", organisation,
					subject.value());
			if (rows == 0) {
				return false;
			}
			audit(actor, organisation, subject, "care-relationship-ended",
					organisation + " ended its declared care relationship with the citizen.");
			return true;
		});
		return Boolean.TRUE.equals(ended);
	}

	private boolean isDeclared(String organisation, NhsNumber subject) {
		Integer count = this.jdbc.queryForObject(DECLARED, Integer.class, organisation, subject.value());
		return count != null && count > 0;
	}

	private void audit(AuditActor actor, String organisation, NhsNumber subject, String code, String explanation) {
		this.auditLog.append(AuditEvent.builder(AuditEventType.REGISTRATION_CHANGE, actor)
			.subject(subject)
			.holder(organisation)
			.outcome(AuditOutcome.PERMIT, code)
			.explanation(explanation)
			.build());
	}

}
