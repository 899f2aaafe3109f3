package care.concord.server.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import care.concord.server.audit.GroupCommit.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The group-commit queue alone, with a writer that records its batches (no database). */
class GroupCommitTests {

	private final ExecutorService pool = Executors.newCachedThreadPool();

	/** Every batch the writer was given, in order. */
	private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

	/** Released by a test to let the writer's first batch finish. */
	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch firstBatchStarted = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.pool.shutdownNow();
	}

	/**
	 * Upper-cases each item; fails items starting with "bad"; the first batch waits for
	 * {@link #release}.
	 */
	private List<Outcome<String>> write(List<String> batch) {
		this.batches.add(List.copyOf(batch));
		if (this.batches.size() == 1) {
			this.firstBatchStarted.countDown();
			await(this.release);
		}
		if (batch.contains("throw")) {
			throw new IllegalStateException("disk on fire");
		}
		return batch.stream()
			.map((item) -> item.startsWith("bad") ? Outcome.<String>failed("refused " + item, null)
					: Outcome.of(item.toUpperCase()))
			.toList();
	}

	private GroupCommit<String, String> queue(int maxBatch, Duration waitTimeout) {
		return new GroupCommit<>(this::write, "item", maxBatch, waitTimeout, IllegalStateException::new);
	}

	@Test
	void submitWhenAloneThenWritesABatchOfOneInTheCallersThread() {
		this.release.countDown();
		GroupCommit<String, String> queue = queue(10, Duration.ofSeconds(5));

		assertThat(queue.submit("a")).isEqualTo("A");
		assertThat(queue.submit("b")).isEqualTo("B");
		assertThat(this.batches).containsExactly(List.of("a"), List.of("b"));
	}

	@Test
	void submitWhenCallersQueueBehindTheWriterThenThePromotedOneWritesThemAllInQueueOrder() throws Exception {
		GroupCommit<String, String> queue = queue(10, Duration.ofSeconds(20));
		Future<String> first = writerBusy(queue);
		List<Future<String>> followers = new ArrayList<>();
		for (String item : List.of("b", "c", "d")) {
			followers.add(this.pool.submit(() -> queue.submit(item)));
			awaitQueued(queue, followers.size());
		}

		this.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
		for (int i = 0; i < followers.size(); i++) {
			assertThat(followers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(List.of("B", "C", "D").get(i));
		}
		assertThat(this.batches).containsExactly(List.of("first"), List.of("b", "c", "d"));
	}

	@Test
	void onBatchWhenBatchesWrittenThenListenerToldEachSizeAndItsFailureIgnored() throws Exception {
		GroupCommit<String, String> queue = queue(2, Duration.ofSeconds(20));
		List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
		queue.onBatch((size) -> {
			sizes.add(size);
			throw new IllegalStateException("metrics down");
		});
		Future<String> first = writerBusy(queue);
		List<Future<String>> followers = new ArrayList<>();
		for (String item : List.of("b", "c", "d")) {
			followers.add(this.pool.submit(() -> queue.submit(item)));
			awaitQueued(queue, followers.size());
		}

		this.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
		for (Future<String> follower : followers) {
			assertThat(follower.get(10, TimeUnit.SECONDS)).isNotNull();
		}
		assertThat(sizes).containsExactly(1, 2, 1);
	}

	@Test
	void submitWhenMoreQueuedThanMaxBatchThenWrittenInBatchesOfAtMostMaxBatch() throws Exception {
		GroupCommit<String, String> queue = queue(2, Duration.ofSeconds(20));
		Future<String> first = writerBusy(queue);
		List<Future<String>> followers = new ArrayList<>();
		for (String item : List.of("b", "c", "d", "e", "f")) {
			followers.add(this.pool.submit(() -> queue.submit(item)));
			awaitQueued(queue, followers.size());
		}

		this.release.countDown();

		first.get(10, TimeUnit.SECONDS);
		for (Future<String> follower : followers) {
			follower.get(10, TimeUnit.SECONDS);
		}
		assertThat(this.batches).containsExactly(List.of("first"), List.of("b", "c"), List.of("d", "e"), List.of("f"));
	}

	@Test
	void submitWhenOneOutcomeFailedThenOnlyItsCallerFails() throws Exception {
		GroupCommit<String, String> queue = queue(10, Duration.ofSeconds(20));
		Future<String> first = writerBusy(queue);
		Future<String> good = this.pool.submit(() -> queue.submit("good"));
		awaitQueued(queue, 1);
		Future<String> bad = this.pool.submit(() -> queue.submit("bad-one"));
		awaitQueued(queue, 2);

		this.release.countDown();

		first.get(10, TimeUnit.SECONDS);
		assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("GOOD");
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessage("refused bad-one");
	}

	@Test
	void submitWhenWriterThrowsThenEveryCallerOfTheBatchFailsAndTheQueueGoesOn() {
		this.release.countDown();
		GroupCommit<String, String> queue = queue(10, Duration.ofSeconds(5));

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> queue.submit("throw"))
			.withMessageContaining("item could not be written: disk on fire")
			.withCauseInstanceOf(IllegalStateException.class);
		assertThat(queue.submit("after")).isEqualTo("AFTER");
	}

	@Test
	void submitWhenWriterStuckPastTheWaitTimeOutThenFollowerFailsAndItsItemIsNeverWritten() throws Exception {
		GroupCommit<String, String> queue = queue(10, Duration.ofMillis(200));
		Future<String> first = writerBusy(queue);

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> queue.submit("late"))
			.withMessageContaining("item was not written within PT0.2S");
		this.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
		assertThat(queue.submit("next")).isEqualTo("NEXT");
		assertThat(this.batches).containsExactly(List.of("first"), List.of("next"));
	}

	@Test
	void submitWhenFollowerInterruptedThenFailsWithItsFlagSetAndItsItemIsNeverWritten() throws Exception {
		GroupCommit<String, String> queue = queue(10, Duration.ofSeconds(20));
		Future<String> first = writerBusy(queue);
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicReference<Boolean> flag = new AtomicReference<>();
		Thread follower = new Thread(() -> {
			try {
				queue.submit("interrupted");
			}
			catch (RuntimeException ex) {
				thrown.set(ex);
				flag.set(Thread.currentThread().isInterrupted());
			}
		});
		follower.start();
		awaitQueued(queue, 1);

		follower.interrupt();
		follower.join(10_000);
		this.release.countDown();

		assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("interrupted");
		assertThat(flag.get()).isTrue();
		first.get(10, TimeUnit.SECONDS);
		assertThat(this.batches).containsExactly(List.of("first"));
	}

	@Test
	void closeWhenCallersQueuedThenFailsThemLetsTheWriterFinishAndRefusesLaterItems() throws Exception {
		GroupCommit<String, String> queue = queue(10, Duration.ofSeconds(20));
		Future<String> first = writerBusy(queue);
		Future<String> queued = this.pool.submit(() -> queue.submit("queued"));
		awaitQueued(queue, 1);
		Future<?> closing = this.pool.submit(queue::close);

		assertThatExceptionOfType(Exception.class).isThrownBy(() -> queued.get(10, TimeUnit.SECONDS))
			.havingCause()
			.withMessageContaining("closed");
		assertThat(closing.isDone()).isFalse();
		this.release.countDown();
		closing.get(10, TimeUnit.SECONDS);

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> queue.submit("later"))
			.withMessageContaining("closed");
		assertThat(this.batches).containsExactly(List.of("first"));
	}

	@Test
	void submitWhenQueueQuietThenNoGatherDelay() {
		this.release.countDown();
		GroupCommit<String, String> queue = new GroupCommit<>(this::write, "item", 10, Duration.ofSeconds(20),
				Duration.ofSeconds(10), IllegalStateException::new);
		long start = System.nanoTime();
		assertThat(queue.submit("a")).isEqualTo("A");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a quiet queue writes at once")
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void submitWhenQueueBusyThenNewWriterGathersLaterItemsIntoItsBatch() throws Exception {
		this.release.countDown();
		// busy for an hour after each batch, so that the test does not depend on timing
		GroupCommit<String, String> queue = new GroupCommit<>(this::write, "item", 10, Duration.ofSeconds(20),
				Duration.ofSeconds(2), Duration.ofHours(1), IllegalStateException::new);
		assertThat(queue.submit("a")).isEqualTo("A"); // quiet until now: written alone
		Future<String> b = this.pool.submit(() -> queue.submit("b")); // busy: gathers
		awaitQueued(queue, 1);
		Future<String> c = this.pool.submit(() -> queue.submit("c"));
		awaitQueued(queue, 2);
		assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("B");
		assertThat(c.get(10, TimeUnit.SECONDS)).isEqualTo("C");
		assertThat(this.batches).containsExactly(List.of("a"), List.of("b", "c"));
	}

	@Test
	void constructWhenMaxBatchOrWaitTimeoutInvalidThenRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> queue(0, Duration.ofSeconds(1)));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> queue(1, Duration.ZERO));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new GroupCommit<>(this::write,
				"item", 1, Duration.ofSeconds(1), Duration.ofSeconds(1), IllegalStateException::new));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new GroupCommit<>(this::write,
				"item", 1, Duration.ofSeconds(1), Duration.ofMillis(-1), IllegalStateException::new));
	}

	/**
	 * Submits "first" and waits until its batch is being written (and held until
	 * {@link #release}).
	 */
	private Future<String> writerBusy(GroupCommit<String, String> queue) throws InterruptedException {
		Future<String> first = this.pool.submit(() -> queue.submit("first"));
		assertThat(this.firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
		return first;
	}

	private static void awaitQueued(GroupCommit<String, String> queue, int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (queue.queued() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("only " + queue.queued() + " of " + count + " queued");
			}
			Thread.onSpinWait();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(20, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
