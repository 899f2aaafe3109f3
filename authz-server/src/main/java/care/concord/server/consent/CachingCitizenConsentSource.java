package care.concord.server.consent;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;
import care.concord.server.decision.CitizenConsentSource;
import care.concord.server.domain.SharedStateUnavailableException;

/**
 * A node-local cache of citizens' consent in front of the database, that can never serve
 * a stale permit: an entry is served only while its version equals the version Redis
 * holds for the citizen (see {@link ConsentVersions}). A cache hit costs one Redis
 * {@code GET}; a miss reads the database, version first and then the directives, so an
 * entry's version is never newer than its content.
 *
 * <p>
 * When Redis cannot be reached the cache is bypassed and every call reads the database:
 * slower, still exact. The cache holds at most {@code maxEntries} citizens; when full, it
 * is cleared (a simple bound: entries are cheap to reload, and a citizen's consent is a
 * few rows).
 */
public final class CachingCitizenConsentSource implements CitizenConsentSource {

	private final CitizenConsentSource database;

	private final ToLongFunction<NhsNumber> databaseVersion;

	private final ConsentVersions versions;

	private final int maxEntries;

	private final Map<NhsNumber, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * @param database reads the citizen's current consent from the database
	 * @param databaseVersion reads the citizen's committed consent version from the
	 * database
	 * @param versions the versions shared through Redis
	 * @param maxEntries bound of the cache
	 */
	public CachingCitizenConsentSource(CitizenConsentSource database, ToLongFunction<NhsNumber> databaseVersion,
			ConsentVersions versions, int maxEntries) {
		this.database = Objects.requireNonNull(database, "database");
		this.databaseVersion = Objects.requireNonNull(databaseVersion, "databaseVersion");
		this.versions = Objects.requireNonNull(versions, "versions");
		this.maxEntries = maxEntries;
	}

	@Override
	public Citizen currentConsent(NhsNumber nhsNumber) {
		Objects.requireNonNull(nhsNumber, "nhsNumber");
		OptionalLong shared;
		try {
			shared = this.versions.current(nhsNumber);
		}
		catch (SharedStateUnavailableException ex) {
			this.entries.clear();
			return this.database.currentConsent(nhsNumber);
		}
		Entry cached = this.entries.get(nhsNumber);
		if (shared.isPresent() && cached != null && cached.version == shared.getAsLong()) {
			return cached.citizen;
		}
		long version = this.databaseVersion.applyAsLong(nhsNumber);
		Citizen citizen = this.database.currentConsent(nhsNumber);
		if (shared.isEmpty()) {
			this.versions.seed(nhsNumber, version);
		}
		if (this.entries.size() >= this.maxEntries) {
			this.entries.clear();
		}
		this.entries.put(nhsNumber, new Entry(version, citizen));
		return citizen;
	}

	/** Number of cached citizens (for metrics and tests). */
	public int size() {
		return this.entries.size();
	}

	private record Entry(long version, Citizen citizen) {
	}

}
