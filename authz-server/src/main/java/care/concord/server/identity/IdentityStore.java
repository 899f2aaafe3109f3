package care.concord.server.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import care.concord.identity.nhs.NhsNumber;

/**
 * Persistence of the identity service: persons, linked records with their blocking keys,
 * and the review queue. Shared by every node through the database; writers call
 * {@link #lockForWrite()} first in their transaction.
 */
public interface IdentityStore {

	/**
	 * Takes the cluster-wide identity write lock until the current transaction ends, so
	 * that matching and the writes it leads to are never interleaved with another node's.
	 */
	void lockForWrite();

	/** The agency's record with that local id. */
	Optional<LinkedRecord> findRecord(String orgCode, String localId);

	/** The stored record with that key. */
	Optional<LinkedRecord> findRecordById(String recordId);

	/** The records linked to the person, oldest first. */
	List<LinkedRecord> recordsOfPerson(UUID personId);

	/**
	 * Linked records (not pending ones) sharing at least one blocking key with the query.
	 * @param keys the query's blocking keys
	 * @param excludeRecordId a record to leave out (the one being re-submitted), or null
	 * @param maxBlockSize keys shared by more records than this are not read
	 * @param maxCandidates at most this many records
	 */
	List<LinkedRecord> candidates(Collection<String> keys, String excludeRecordId, int maxBlockSize, int maxCandidates);

	/** The person with that id. */
	Optional<IdentityPerson> findPerson(UUID personId);

	/** The person holding that NHS number. */
	Optional<IdentityPerson> findPersonByNhsNumber(NhsNumber nhsNumber);

	/** Stores a new person. */
	void insertPerson(IdentityPerson person, Instant now);

	/** Gives the person an NHS number (which no other person may hold). */
	void setPersonNhsNumber(UUID personId, NhsNumber nhsNumber, Instant now);

	/** Stores a new record and its blocking keys. */
	void insertRecord(LinkedRecord record, Collection<String> keys);

	/**
	 * Rewrites a record (data and link); replaces its blocking keys when {@code keys} is
	 * not null.
	 */
	void updateRecord(LinkedRecord record, Collection<String> keys);

	/** The NHS number of the person the agency's local record is linked to. */
	Optional<NhsNumber> nhsNumberForLocalId(String orgCode, String localId);

	/** Stores a new review. */
	void insertReview(IdentityReview review);

	/** Rewrites a review (a new proposal, or its decision). */
	void updateReview(IdentityReview review);

	/** The review with that id. */
	Optional<IdentityReview> findReview(UUID reviewId);

	/** A page of reviews in that state, oldest first. */
	List<IdentityReview> reviews(ReviewStatus status, int page, int size);

	/** How many reviews are in that state. */
	long countReviews(ReviewStatus status);

}
