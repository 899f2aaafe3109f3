package care.concord.server.oauth;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationCacheTests {

	final AtomicLong generation = new AtomicLong(7);

	final AtomicInteger loads = new AtomicInteger();

	final GenerationCache<String, String> cache = new GenerationCache<>(new ClientRegistryVersion() {
		@Override
		public long current() {
			return GenerationCacheTests.this.generation.get();
		}

		@Override
		public void changed() {
			GenerationCacheTests.this.generation.incrementAndGet();
		}
	});

	String load(String key) {
		this.loads.incrementAndGet();
		return key.startsWith("known") ? key + "@" + this.generation.get() : null;
	}

	@Test
	void servedFromCacheWhileTheGenerationHoldsAndReloadedWhenItMoves() {
		assertThat(this.cache.get("known", this::load)).isEqualTo("known@7");
		assertThat(this.cache.get("known", this::load)).isEqualTo("known@7");
		assertThat(this.loads).hasValue(1);
		this.generation.incrementAndGet();
		assertThat(this.cache.get("known", this::load)).isEqualTo("known@8");
		assertThat(this.loads).hasValue(2);
	}

	@Test
	void unknownGenerationBypassesTheCache() {
		this.cache.get("known", this::load);
		this.generation.set(ClientRegistryVersion.UNKNOWN);
		this.cache.get("known", this::load);
		this.cache.get("known", this::load);
		assertThat(this.loads).hasValue(3);
	}

	@Test
	void missesAreNotCached() {
		assertThat(this.cache.get("unknown-client", this::load)).isNull();
		assertThat(this.cache.get("unknown-client", this::load)).isNull();
		assertThat(this.loads).hasValue(2);
	}

}
