package care.concord.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/**
 * Runs the same attempt from many threads released at one instant, for the "exactly one
 * wins" and "never more than the limit" promises of the shared stores.
 */
public final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Releases {@code attempts} calls of {@code attempt} (given the attempt's index) on
	 * {@code threads} threads at once and counts those that returned true.
	 */
	public static int countSuccesses(int attempts, int threads, IntPredicate attempt) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				int index = i;
				results.add(executor.submit(() -> {
					start.await();
					return attempt.test(index);
				}));
			}
			start.countDown();
			int successes = 0;
			for (Future<Boolean> result : results) {
				successes += result.get() ? 1 : 0;
			}
			return successes;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
