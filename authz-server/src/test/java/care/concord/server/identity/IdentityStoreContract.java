package care.concord.server.identity;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.nhs.NhsNumber;
import care.concord.server.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The behaviour every database must give {@link JdbcIdentityStore}: one suite, run
 * against H2 ({@link IdentityStoreH2Tests}) and PostgreSQL
 * ({@link IdentityStorePostgresTests}).
 */
abstract class IdentityStoreContract {

	static final Instant NOW = Instant.parse("2026-11-26T01:00:00.123456Z");

	private JdbcIdentityStore store;

	private JdbcTemplate jdbc;

	private String agency;

	/** The migrated database. */
	protected abstract DataSource dataSource();

	@BeforeEach
	void agency() {
		this.jdbc = new JdbcTemplate(dataSource());
		this.store = new JdbcIdentityStore(this.jdbc);
		this.agency = "S" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
		this.jdbc.update("INSERT INTO agency (code, name, org_type, enabled, created_at, updated_at) "
				+ "VALUES (?, 'Store test', 'gp', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", this.agency);
	}

	private static StandardisedPerson demographics(String id, String given, String family, String dob) {
		return new StandardisedPerson(id, given, given, family, dob, true, "LS1 4AP", "12", "harewood road",
				"headingley", null, null, null);
	}

	private IdentityPerson person(NhsNumber nhs) {
		IdentityPerson person = new IdentityPerson(UUID.randomUUID(), nhs);
		this.store.insertPerson(person, NOW);
		return person;
	}

	private LinkedRecord record(String localId, UUID person, StandardisedPerson d) {
		return new LinkedRecord(d.id(), this.agency, localId, person, null, null, d,
				(person != null) ? LinkMethod.NEW_PERSON : LinkMethod.REVIEW, (person != null) ? null : 7.5,
				(person != null) ? null : UUID.randomUUID(), NOW, NOW);
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

	@Test
	void insertRecordThenFindReadsBackEveryField() {
		NhsNumber nhs = NhsNumber.parse(TestNhsNumbers.next());
		IdentityPerson person = person(nhs);
		StandardisedPerson d = demographics(id(), "ann", "oakes", "19700131");
		LinkedRecord record = new LinkedRecord(d.id(), this.agency, "R-1", person.personId(), null, nhs, d,
				LinkMethod.NHS_NUMBER, 21.25, null, NOW, NOW);

		this.store.insertRecord(record, List.of("fy:O200|1970", "db:19700131"));

		LinkedRecord read = this.store.findRecord(this.agency, "R-1").orElseThrow();
		assertThat(read.personId()).isEqualTo(person.personId());
		assertThat(read.personNhsNumber()).isEqualTo(nhs);
		assertThat(read.submittedNhsNumber()).isEqualTo(nhs);
		assertThat(read.demographics()).isEqualTo(d);
		assertThat(read.method()).isEqualTo(LinkMethod.NHS_NUMBER);
		assertThat(read.score()).isEqualTo(21.25);
		assertThat(read.createdAt()).isEqualTo(NOW);
		assertThat(this.store.findRecordById(d.id())).contains(read);
		assertThat(this.store.nhsNumberForLocalId(this.agency, "R-1")).contains(nhs);
		assertThat(this.store.nhsNumberForLocalId("OTHER", "R-1")).isEmpty();
	}

	@Test
	void candidatesWhenKeySharedThenLinkedRecordsFoundButNotPendingOrExcluded() {
		String key = "fy:" + UUID.randomUUID();
		IdentityPerson person = person(null);
		StandardisedPerson a = demographics(id(), "ann", "oakes", "19700131");
		StandardisedPerson b = demographics(id(), "anne", "oakes", "19700131");
		StandardisedPerson pending = demographics(id(), "ann", "okes", "19700131");
		this.store.insertRecord(record("A", person.personId(), a), List.of(key));
		this.store.insertRecord(record("B", person.personId(), b), List.of(key, "other:" + UUID.randomUUID()));
		this.store.insertRecord(record("P", null, pending), List.of(key));

		List<LinkedRecord> found = this.store.candidates(List.of(key, "absent:key"), a.id(), 1000, 100);

		assertThat(found).extracting(LinkedRecord::localId).containsExactly("B");
	}

	@Test
	void candidatesWhenBlockLargerThanLimitThenSkipped() {
		String big = "fy:" + UUID.randomUUID();
		String small = "db:" + UUID.randomUUID();
		IdentityPerson person = person(null);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			StandardisedPerson d = demographics(id(), "ann", "oakes", "19700131");
			ids.add(d.id());
			this.store.insertRecord(record("K" + i, person.personId(), d),
					(i == 0) ? List.of(big, small) : List.of(big));
		}

		assertThat(this.store.candidates(List.of(big), null, 3, 100)).isEmpty();
		assertThat(this.store.candidates(List.of(big, small), null, 3, 100)).extracting(LinkedRecord::recordId)
			.containsExactly(ids.get(0));
		assertThat(this.store.candidates(List.of(big), null, 4, 2)).hasSize(2);
	}

	@Test
	void updateRecordWhenKeysGivenThenReplacesThem() {
		String oldKey = "pn:" + UUID.randomUUID();
		String newKey = "pn:" + UUID.randomUUID();
		IdentityPerson person = person(null);
		StandardisedPerson d = demographics(id(), "ann", "oakes", "19700131");
		LinkedRecord record = record("U", person.personId(), d);
		this.store.insertRecord(record, List.of(oldKey));

		this.store.updateRecord(record.withData(null, d, NOW.plus(1, ChronoUnit.DAYS)), List.of(newKey));

		assertThat(this.store.candidates(List.of(oldKey), null, 10, 10)).isEmpty();
		assertThat(this.store.candidates(List.of(newKey), null, 10, 10)).hasSize(1);
		assertThat(this.store.findRecord(this.agency, "U").orElseThrow().updatedAt())
			.isEqualTo(NOW.plus(1, ChronoUnit.DAYS));
	}

	@Test
	void insertPersonWhenNhsNumberAlreadyHeldThenRefused() {
		NhsNumber nhs = NhsNumber.parse(TestNhsNumbers.next());
		person(nhs);

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> person(nhs));
		assertThat(this.store.findPersonByNhsNumber(nhs)).isPresent();
	}

	@Test
	void insertRecordWhenLocalIdTakenThenRefused() {
		IdentityPerson person = person(null);
		this.store.insertRecord(record("DUP", person.personId(), demographics(id(), "a", "b", "19700101")), List.of());

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.store
			.insertRecord(record("DUP", person.personId(), demographics(id(), "a", "b", "19700101")), List.of()));
	}

	@Test
	void reviewsWhenPagedThenOldestFirst() {
		this.jdbc.update("DELETE FROM identity_review");
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			StandardisedPerson d = demographics(id(), "ann", "oakes", "19700131");
			LinkedRecord record = record("Q" + i, null, d);
			this.store.insertRecord(record, List.of());
			IdentityReview review = IdentityReview.pending(record.reviewId(), d.id(), ReviewReason.POSSIBLE_MATCH, null,
					null, 7.5, NOW.plusSeconds(10 - i));
			this.store.insertReview(review);
			ids.add(review.reviewId());
		}

		assertThat(this.store.reviews(ReviewStatus.PENDING, 0, 2)).extracting(IdentityReview::reviewId)
			.containsExactly(ids.get(2), ids.get(1));
		assertThat(this.store.reviews(ReviewStatus.PENDING, 1, 2)).extracting(IdentityReview::reviewId)
			.containsExactly(ids.get(0));
		assertThat(this.store.countReviews(ReviewStatus.PENDING)).isEqualTo(3);
		assertThat(this.store.countReviews(ReviewStatus.ACCEPTED)).isZero();
	}

	@Test
	void updateReviewWhenDecidedThenFinal() {
		IdentityPerson person = person(null);
		StandardisedPerson d = demographics(id(), "ann", "oakes", "19700131");
		LinkedRecord record = record("D", null, d);
		this.store.insertRecord(record, List.of());
		IdentityReview review = IdentityReview.pending(record.reviewId(), d.id(), ReviewReason.RELINK,
				person.personId(), null, null, NOW);
		this.store.insertReview(review);
		IdentityReview accepted = review.decide(ReviewStatus.ACCEPTED, person.personId(), "officer", "same", NOW);

		this.store.updateReview(accepted);

		assertThat(this.store.findReview(review.reviewId())).contains(accepted);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.store.updateReview(accepted));
	}

	@Test
	void lockForWriteWhenHeldByAnotherConnectionThenWaitsForItsCommit() throws Exception {
		try (Connection first = dataSource().getConnection()) {
			first.setAutoCommit(false);
			try (Statement statement = first.createStatement()) {
				statement.executeQuery("SELECT id FROM identity_write_lock WHERE id = 1 FOR UPDATE").close();
			}
			CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
				try (Connection other = dataSource().getConnection()) {
					other.setAutoCommit(false);
					new JdbcIdentityStore(new JdbcTemplate(new SingleConnectionDataSource(other, true))).lockForWrite();
					other.commit();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(300);
			assertThat(second).isNotDone();
			first.commit();
			second.get(10, TimeUnit.SECONDS);
		}
	}

}
