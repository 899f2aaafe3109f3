package care.concord.server.consent.stats;

import java.time.Duration;
import java.util.Locale;

import care.concord.policy.request.InvalidRequestException;

/**
 * The width of a time bucket of the decision statistics: an hour or a day (UTC).
 */
public enum StatsBucket {

	/** One hour. */
	HOUR(Duration.ofHours(1), 24 * 31),
	/** One day, midnight to midnight UTC. */
	DAY(Duration.ofDays(1), 366 * 2);

	private final Duration width;

	private final int maxBuckets;

	StatsBucket(Duration width, int maxBuckets) {
		this.width = width;
		this.maxBuckets = maxBuckets;
	}

	/** The bucket's width. */
	public Duration width() {
		return this.width;
	}

	/** The most buckets one statistics request may span. */
	public int maxBuckets() {
		return this.maxBuckets;
	}

	/** The wire code, {@code hour} or {@code day}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The bucket with that code.
	 * @throws InvalidRequestException (400) for anything but {@code hour} or {@code day}
	 */
	public static StatsBucket fromCode(String code) {
		for (StatsBucket bucket : values()) {
			if (bucket.code().equals(code)) {
				return bucket;
			}
		}
		throw new InvalidRequestException("bucket", "bucket must be day or hour");
	}

}
