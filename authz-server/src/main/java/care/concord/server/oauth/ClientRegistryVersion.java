package care.concord.server.oauth;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The generation of the client registry: a number that changes whenever an OAuth client,
 * its secret or its organisation changes. Client and owner look-ups on the token path are
 * cached per node and served only while the generation they were loaded under is still
 * current, so a change (a disabled agency, a rotated secret) is seen by the very next
 * request on every node that shares the generation.
 *
 * <pre>
 *  writer:  change rows  ->  changed(): bump now, and again after COMMIT  ->  respond
 *  reader:  g = current();  entry tagged g?  serve it  :  load from the database, tag it g
 * </pre>
 *
 * A reader that loads between the first bump and the commit reads the old rows and tags
 * them with the new generation; the bump after the commit retires that entry. An entry
 * loaded under an older generation is never served again. The default implementation
 * lives in this JVM ({@link Local}); profile {@code cluster} shares it through Redis.
 */
public interface ClientRegistryVersion {

	/**
	 * What {@link #current()} answers when the generation cannot be known: caches are
	 * then bypassed.
	 */
	long UNKNOWN = Long.MIN_VALUE;

	/**
	 * The current generation, or {@link #UNKNOWN} (then every look-up reads the
	 * database).
	 */
	long current();

	/**
	 * Records that the registry is changing: bumps the generation now and, when a
	 * transaction is active, again after it commits.
	 */
	void changed();

	/** Runs {@code bump} now and again after the current transaction (if any) commits. */
	static void bumpNowAndAfterCommit(Runnable bump) {
		bump.run();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					bump.run();
				}
			});
		}
	}

	/** The generation of a single node. */
	final class Local implements ClientRegistryVersion {

		private final AtomicLong generation = new AtomicLong();

		@Override
		public long current() {
			return this.generation.get();
		}

		@Override
		public void changed() {
			bumpNowAndAfterCommit(this.generation::incrementAndGet);
		}

	}

}
