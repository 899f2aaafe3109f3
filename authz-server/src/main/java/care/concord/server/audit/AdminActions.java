package care.concord.server.audit;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Administrator actions as {@link AuditEventType#ADMIN_ACTION} records in the hash chain:
 * the change and its audit record succeed together or not at all. The change runs in a
 * transaction (services join it), the record is appended last inside it, and a failed
 * append rolls the change back (fail closed: an administrator action that was not audited
 * did not happen).
 *
 * <p>
 * Each record names the actor (from the access token, or {@link AuditActor#system()} at
 * start-up), the action as its reason code ({@code agency-registered},
 * {@code person-disabled}, ...), the target in {@code details.target}, and what changed
 * in further details. Never a secret: callers pass names, roles, flags and key ids only.
 */
public final class AdminActions {

	private final AuditLog auditLog;

	private final TransactionOperations transactions;

	public AdminActions(AuditLog auditLog, TransactionOperations transactions) {
		Assert.notNull(auditLog, "auditLog cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	/**
	 * Runs the change and audits it.
	 * @param by the administrator's authentication
	 * @param action the reason code, e.g. {@code client-secret-rotated}
	 * @param target what was acted on (an agency code, {@code agency/client}, a username,
	 * a key id)
	 * @param change the change; its result is returned
	 * @param changed what changed, from the result (no secrets)
	 */
	public <T> T record(Authentication by, String action, String target, Supplier<T> change,
			Function<T, Map<String, String>> changed) {
		return record(AuditActors.from(by), action, target, change, changed);
	}

	/**
	 * As {@link #record(Authentication, String, String, Supplier, Function)} for a given
	 * actor.
	 */
	public <T> T record(AuditActor actor, String action, String target, Supplier<T> change,
			Function<T, Map<String, String>> changed) {
		return this.transactions.execute((status) -> {
			T result = change.get();
			AuditEvent.Builder event = AuditEvent.builder(AuditEventType.ADMIN_ACTION, actor)
				.permit(action)
				.detail("target", target);
			changed.apply(result).forEach(event::detail);
			this.auditLog.append(event.build());
			return result;
		});
	}

}
