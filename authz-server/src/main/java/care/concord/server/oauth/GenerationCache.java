package care.concord.server.oauth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.util.Assert;

/**
 * A small per-node cache whose entries are valid only under the
 * {@link ClientRegistryVersion generation} they were loaded in, and for at most
 * {@link #MAX_AGE_NANOS} (a backstop should a bump after commit ever be lost). Only
 * present values are kept, so unknown keys cannot fill it; past {@link #MAX_ENTRIES} it
 * starts afresh.
 */
final class GenerationCache<K, V> {

	static final long MAX_AGE_NANOS = 30_000_000_000L;

	static final int MAX_ENTRIES = 10_000;

	private final ClientRegistryVersion version;

	private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

	GenerationCache(ClientRegistryVersion version) {
		Assert.notNull(version, "version cannot be null");
		this.version = version;
	}

	/**
	 * The cached value, or {@code loader}'s (cached when not null) if none is current;
	 * with the generation {@link ClientRegistryVersion#UNKNOWN unknown}, always
	 * {@code loader}'s, not cached.
	 */
	V get(K key, Function<K, V> loader) {
		long generation = this.version.current();
		if (generation == ClientRegistryVersion.UNKNOWN) {
			return loader.apply(key);
		}
		long now = System.nanoTime();
		Entry<V> entry = this.entries.get(key);
		if (entry != null && entry.generation() == generation && now - entry.loadedAt() < MAX_AGE_NANOS) {
			return entry.value();
		}
		V value = loader.apply(key);
		if (value != null) {
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.clear();
			}
			this.entries.put(key, new Entry<>(value, generation, now));
		}
		else {
			this.entries.remove(key);
		}
		return value;
	}

	private record Entry<V>(V value, long generation, long loadedAt) {
	}

}
