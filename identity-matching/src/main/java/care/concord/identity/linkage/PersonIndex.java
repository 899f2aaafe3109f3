package care.concord.identity.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;
import care.concord.identity.matching.blocking.BlockingScheme;
import care.concord.identity.matching.scoring.MatchClass;
import care.concord.identity.matching.scoring.MatchModel;
import care.concord.identity.matching.scoring.PairScorer;
import care.concord.identity.matching.scoring.TermFrequencies;

/**
 * An in-memory index of people for single-record look-up: who already known is this
 * record?
 *
 * <p>
 * Records are found through their {@linkplain BlockingScheme#keys blocking keys} (each
 * key hashed to 64 bits; a collision only adds a candidate that scoring then rejects),
 * scored with the model, and returned best first. Keys shared by more than
 * {@link #MAX_POSTINGS_PER_KEY} records are skipped at look-up time, as they separate
 * nothing and would make look-ups slow. Storage is primitive arrays for the key postings
 * and interned field values; a million generated UK-like people take about 600 MB of
 * heap, roughly 600 bytes per person (see docs/benchmarks.md, "Identity matching").
 *
 * <p>
 * Thread-safe: look-ups run concurrently; {@link #add} takes an exclusive lock.
 */
public final class PersonIndex {

	/** Default number of candidates {@link #lookup(PersonRecord)} returns. */
	public static final int DEFAULT_LIMIT = 10;

	/** Blocks bigger than this are not read at look-up. */
	public static final int MAX_POSTINGS_PER_KEY = 1000;

	private final MatchModel model;

	private final boolean useIdentifier;

	private final Standardiser standardiser;

	private final BlockingScheme scheme;

	private final TermFrequencies frequencies = new TermFrequencies();

	private final PairScorer scorer;

	private final Map<String, String> interned = new HashMap<>();

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private StandardisedPerson[] people = new StandardisedPerson[1024];

	private int size;

	// open-addressing map: key hash -> head posting and block size
	private long[] slotKeys = new long[1 << 12];

	private int[] slotHeads = new int[1 << 12];

	private int[] slotCounts = new int[1 << 12];

	private int slotsUsed;

	// postings as linked lists through parallel arrays, newest first
	private int[] postingPerson = new int[1 << 12];

	private int[] postingNext = new int[1 << 12];

	private int postings;

	/**
	 * @param model the model that scores candidates
	 * @param useIdentifier whether the shared identifier is evidence
	 * @param standardiser how incoming records are standardised
	 */
	public PersonIndex(MatchModel model, boolean useIdentifier, Standardiser standardiser) {
		this(model, useIdentifier, standardiser, true);
	}

	/**
	 * @param model the model that scores candidates
	 * @param useIdentifier whether the shared identifier is evidence
	 * @param standardiser how incoming records are standardised
	 * @param householdRules whether the population holds relatives (see
	 * {@link PairScorer#caution}); off only for data known to hold none
	 */
	public PersonIndex(MatchModel model, boolean useIdentifier, Standardiser standardiser, boolean householdRules) {
		this.model = model;
		this.useIdentifier = useIdentifier;
		this.standardiser = standardiser;
		this.scheme = BlockingScheme.standard(useIdentifier);
		this.scorer = new PairScorer(model, this.frequencies, useIdentifier, householdRules);
	}

	/**
	 * An index with the shipped default model, NHS number as evidence, strict
	 * standardisation.
	 */
	public static PersonIndex withDefaultModel() {
		return new PersonIndex(MatchModel.loadDefault(), true, Standardiser.strict());
	}

	/**
	 * Whether the shared identifier (NHS number) counts as evidence and as a blocking
	 * key.
	 */
	public boolean usesIdentifier() {
		return this.useIdentifier;
	}

	/** The model candidates are scored with. */
	public MatchModel model() {
		return this.model;
	}

	/** The blocking scheme, whose keys the server may persist per person. */
	public BlockingScheme scheme() {
		return this.scheme;
	}

	/** Number of people indexed. */
	public int size() {
		this.lock.readLock().lock();
		try {
			return this.size;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Standardises and adds a record.
	 * @throws care.concord.identity.demographics.InvalidFieldException when a field
	 * cannot be standardised
	 */
	public StandardisedPerson add(PersonRecord record) {
		StandardisedPerson p = this.standardiser.standardise(record);
		add(p);
		return p;
	}

	/** Adds an already standardised record. */
	public void add(StandardisedPerson person) {
		this.lock.writeLock().lock();
		try {
			StandardisedPerson p = intern(person);
			if (this.size == this.people.length) {
				this.people = Arrays.copyOf(this.people, this.size * 2);
			}
			int index = this.size++;
			this.people[index] = p;
			this.frequencies.add(p);
			for (String key : this.scheme.keys(p)) {
				post(hash(key), index);
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * The best {@link #DEFAULT_LIMIT} candidates classed {@link MatchClass#MATCH} or
	 * {@link MatchClass#REVIEW}.
	 */
	public List<IndexCandidate> lookup(PersonRecord record) {
		return lookup(this.standardiser.standardise(record), DEFAULT_LIMIT, false);
	}

	/**
	 * Candidates for a standardised record, best first.
	 * @param limit at most this many
	 * @param includeNonMatches whether candidates below the review threshold are returned
	 * too
	 */
	public List<IndexCandidate> lookup(StandardisedPerson query, int limit, boolean includeNonMatches) {
		this.lock.readLock().lock();
		try {
			int[] found = new int[64];
			int n = 0;
			for (String key : this.scheme.keys(query)) {
				int slot = find(hash(key));
				if (slot < 0 || this.slotCounts[slot] > MAX_POSTINGS_PER_KEY) {
					continue;
				}
				for (int post = this.slotHeads[slot]; post >= 0; post = this.postingNext[post]) {
					if (n == found.length) {
						found = Arrays.copyOf(found, n * 2);
					}
					found[n++] = this.postingPerson[post];
				}
			}
			Arrays.sort(found, 0, n);
			List<IndexCandidate> out = new ArrayList<>();
			double floor = includeNonMatches ? Double.NEGATIVE_INFINITY : this.model.reviewThreshold();
			for (int i = 0; i < n; i++) {
				if (i > 0 && found[i] == found[i - 1]) {
					continue;
				}
				StandardisedPerson p = this.people[found[i]];
				double s = this.scorer.score(query, p);
				if (s >= floor) {
					out.add(new IndexCandidate(p.id(), s, this.model.probability(s), this.model.classify(s), p));
				}
			}
			out.sort((a, b) -> Double.compare(b.score(), a.score()));
			demoteAmbiguousMatches(out);
			return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * When the best candidate does not stand out by {@link Linker#AMBIGUITY_MARGIN} bits
	 * from another match (two people fit the record alike: twins when the given name is
	 * missing), no candidate is a match: each such match becomes a review.
	 */
	private static void demoteAmbiguousMatches(List<IndexCandidate> best) {
		if (best.size() < 2 || best.get(1).matchClass() != MatchClass.MATCH
				|| best.get(1).score() < best.get(0).score() - Linker.AMBIGUITY_MARGIN) {
			return;
		}
		for (int i = 0; i < best.size() && best.get(i).matchClass() == MatchClass.MATCH; i++) {
			IndexCandidate c = best.get(i);
			best.set(i, new IndexCandidate(c.id(), c.score(), c.probability(), MatchClass.REVIEW, c.person()));
		}
	}

	private StandardisedPerson intern(StandardisedPerson p) {
		return new StandardisedPerson(p.id(), intern(p.givenName()), intern(p.givenCanonical()), intern(p.familyName()),
				intern(p.dateOfBirth()), p.dateOfBirthChecked(), intern(p.postcode()), intern(p.streetNumber()),
				intern(p.street()), intern(p.locality()), intern(p.town()), intern(p.region()), p.identifier());
	}

	private String intern(String s) {
		if (s == null) {
			return null;
		}
		String existing = this.interned.putIfAbsent(s, s);
		return existing == null ? s : existing;
	}

	/**
	 * 64-bit FNV-1a over the key's characters, then a finaliser so that low bits spread.
	 */
	static long hash(String key) {
		long h = 0xcbf29ce484222325L;
		for (int i = 0; i < key.length(); i++) {
			h ^= key.charAt(i);
			h *= 0x100000001b3L;
		}
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		return h == 0 ? 1 : h;
	}

	private int find(long h) {
		int mask = this.slotKeys.length - 1;
		for (int i = (int) h & mask;; i = (i + 1) & mask) {
			long k = this.slotKeys[i];
			if (k == h) {
				return i;
			}
			if (k == 0) {
				return -1;
			}
		}
	}

	private void post(long h, int person) {
		if ((this.slotsUsed + 1) * 2 > this.slotKeys.length) {
			rehash();
		}
		int mask = this.slotKeys.length - 1;
		int i = (int) h & mask;
		while (this.slotKeys[i] != 0 && this.slotKeys[i] != h) {
			i = (i + 1) & mask;
		}
		if (this.slotKeys[i] == 0) {
			this.slotKeys[i] = h;
			this.slotHeads[i] = -1;
			this.slotsUsed++;
		}
		if (this.postings == this.postingPerson.length) {
			this.postingPerson = Arrays.copyOf(this.postingPerson, this.postings * 2);
			this.postingNext = Arrays.copyOf(this.postingNext, this.postings * 2);
		}
		this.postingPerson[this.postings] = person;
		this.postingNext[this.postings] = this.slotHeads[i];
		this.slotHeads[i] = this.postings++;
		this.slotCounts[i]++;
	}

	private void rehash() {
		long[] keys = this.slotKeys;
		int[] heads = this.slotHeads;
		int[] counts = this.slotCounts;
		int capacity = keys.length * 2;
		this.slotKeys = new long[capacity];
		this.slotHeads = new int[capacity];
		this.slotCounts = new int[capacity];
		int mask = capacity - 1;
		for (int s = 0; s < keys.length; s++) {
			if (keys[s] == 0) {
				continue;
			}
			int i = (int) keys[s] & mask;
			while (this.slotKeys[i] != 0) {
				i = (i + 1) & mask;
			}
			this.slotKeys[i] = keys[s];
			this.slotHeads[i] = heads[s];
			this.slotCounts[i] = counts[s];
		}
	}

}
