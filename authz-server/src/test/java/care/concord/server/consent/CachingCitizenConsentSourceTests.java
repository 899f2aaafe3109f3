package care.concord.server.consent;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;
import care.concord.policy.citizen.Directive;
import care.concord.server.RequiresService;
import care.concord.server.TestServices.Service;
import care.concord.server.cluster.TestRedis;
import care.concord.server.decision.CitizenConsentSource;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresService(Service.REDIS)
class CachingCitizenConsentSourceTests {

	private static final NhsNumber CITIZEN = NhsNumber.parse("9434765919");

	/** A database holding one citizen whose consent changes; counts reads. */
	private static final class Database implements CitizenConsentSource {

		final AtomicLong version = new AtomicLong();

		final AtomicInteger reads = new AtomicInteger();

		volatile List<Directive> directives = List.of();

		@Override
		public Citizen currentConsent(NhsNumber nhsNumber) {
			this.reads.incrementAndGet();
			return new Citizen(nhsNumber, false, this.directives);
		}

		void change(ConsentVersions shared, String denyCategory) {
			long next = this.version.incrementAndGet();
			shared.raise(CITIZEN, next); // before commit, as VersionSharingConsentStore
											// does
			this.directives = List.of(Directive.builder()
				.id("d" + next)
				.effect("deny")
				.status("active")
				.categoryCodes(List.of(denyCategory))
				.build());
		}

	}

	@Test
	void currentConsentWhenUnchangedThenServedFromCache() {
		ConsentVersions versions = new ConsentVersions(TestRedis.shared(), TestRedis.prefix());
		Database db = new Database();
		CachingCitizenConsentSource node = new CachingCitizenConsentSource(db, (nhs) -> db.version.get(), versions,
				100);

		node.currentConsent(CITIZEN);
		node.currentConsent(CITIZEN);
		node.currentConsent(CITIZEN);

		assertThat(db.reads).hasValue(1);
	}

	@Test
	void currentConsentWhenChangedThroughAnotherNodeThenNextReadSeesIt() {
		String prefix = TestRedis.prefix();
		ConsentVersions nodeAVersions = new ConsentVersions(TestRedis.shared(), prefix);
		ConsentVersions nodeBVersions = new ConsentVersions(TestRedis.shared(), prefix);
		Database db = new Database();
		CachingCitizenConsentSource nodeB = new CachingCitizenConsentSource(db, (nhs) -> db.version.get(),
				nodeBVersions, 100);
		assertThat(nodeB.currentConsent(CITIZEN).directives()).isEmpty();

		db.change(nodeAVersions, "mental-health");

		assertThat(nodeB.currentConsent(CITIZEN).directives()).extracting(Directive::id).containsExactly("d1");
		db.change(nodeAVersions, "genomic");
		assertThat(nodeB.currentConsent(CITIZEN).directives()).extracting(Directive::id).containsExactly("d2");
	}

	@Test
	void currentConsentWhenRaisedBeforeCommitThenNeverCachesOldContentAsNewVersion() {
		String prefix = TestRedis.prefix();
		ConsentVersions versions = new ConsentVersions(TestRedis.shared(), prefix);
		Database db = new Database();
		CachingCitizenConsentSource node = new CachingCitizenConsentSource(db, (nhs) -> db.version.get(), versions,
				100);
		node.currentConsent(CITIZEN);

		versions.raise(CITIZEN, 1); // writer raised, has not committed yet: the database
									// still says version 0
		node.currentConsent(CITIZEN);
		node.currentConsent(CITIZEN);

		assertThat(db.reads).as("reloads until the commit is visible").hasValue(3);
	}

	@Test
	void currentConsentWhenRedisDownThenReadsDatabaseEveryTime() {
		ConsentVersions versions = new ConsentVersions(TestRedis.down(), TestRedis.prefix());
		Database db = new Database();
		CachingCitizenConsentSource node = new CachingCitizenConsentSource(db, (nhs) -> db.version.get(), versions,
				100);

		node.currentConsent(CITIZEN);
		node.currentConsent(CITIZEN);

		assertThat(db.reads).hasValue(2);
		assertThat(node.size()).isZero();
	}

	@Test
	void currentConsentWhenRedisLostItsKeysThenReloadsAndSeeds() {
		String prefix = TestRedis.prefix();
		var redis = TestRedis.shared();
		ConsentVersions versions = new ConsentVersions(redis, prefix);
		Database db = new Database();
		db.change(versions, "genomic");
		CachingCitizenConsentSource node = new CachingCitizenConsentSource(db, (nhs) -> db.version.get(), versions,
				100);
		node.currentConsent(CITIZEN);

		redis.delete(prefix + "consent-version:" + CITIZEN.value()); // Redis restarted,
																		// keeps nothing
																		// on disk
		node.currentConsent(CITIZEN);
		node.currentConsent(CITIZEN);

		assertThat(db.reads).hasValue(2);
		assertThat(versions.current(CITIZEN)).hasValue(1);
	}

}
