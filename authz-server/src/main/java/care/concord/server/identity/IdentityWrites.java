package care.concord.server.identity;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import care.concord.identity.nhs.NhsNumber;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writes that linking ({@link IdentityService}) and review decisions
 * ({@link IdentityReviewService}) share: the retried transaction, linking a record to a
 * person and creating a person.
 */
final class IdentityWrites {

	/** Attempts of a write whose lock wait timed out. */
	static final int LOCK_ATTEMPTS = 5;

	private final IdentityStore store;

	private final TransactionTemplate transactions;

	IdentityWrites(IdentityStore store, TransactionTemplate transactions) {
		this.store = store;
		this.transactions = transactions;
	}

	/**
	 * The record linked to the person, the person given the record's NHS number when it
	 * had none and nobody else holds it.
	 */
	LinkedRecord link(LinkedRecord record, UUID personId, LinkMethod method, Double score, Instant now) {
		IdentityPerson person = this.store.findPerson(personId)
			.orElseThrow(() -> new IllegalStateException("no person " + personId));
		NhsNumber nhs = person.nhsNumber();
		NhsNumber submitted = record.submittedNhsNumber();
		if (nhs == null && submitted != null && this.store.findPersonByNhsNumber(submitted).isEmpty()) {
			this.store.setPersonNhsNumber(personId, submitted, now);
			nhs = submitted;
		}
		return record.linkedTo(personId, nhs, method, score, now);
	}

	UUID newPerson(NhsNumber nhs, Instant now) {
		UUID id = UUID.randomUUID();
		NhsNumber trusted = (nhs != null && this.store.findPersonByNhsNumber(nhs).isEmpty()) ? nhs : null;
		this.store.insertPerson(new IdentityPerson(id, trusted), now);
		return id;
	}

	/**
	 * Runs the work in one transaction, again (up to {@value #LOCK_ATTEMPTS} times in
	 * all) when the database gave up waiting for a lock (H2's lock timeout is short): the
	 * rolled-back attempt left nothing behind.
	 */
	<T> T inTransaction(Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.transactions.execute((status) -> work.get());
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt >= LOCK_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
