package care.concord.server.audit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;

/**
 * A <em>group commit</em> queue with leader hand-off and no thread of its own: items
 * submitted together are written in one batch by one of their callers.
 *
 * <p>
 * A caller puts its item on a FIFO queue. If no caller is writing, it becomes the
 * <em>writer</em>: it takes up to {@code maxBatch} queued items (its own is always the
 * oldest), hands them to the {@link BatchWriter} and gives each waiting caller its
 * outcome. Callers that arrive while a batch is being written wait on their own
 * condition; when the writer has finished its batch it promotes the oldest of them to be
 * the next writer, which takes everything queued meanwhile as the next batch. Each writer
 * writes one batch, so no caller keeps writing for others long after its own item is
 * done; when the queue is empty the next caller to arrive writes.
 *
 * <pre>
 *  submit(e1) --+   queue, oldest first      writer: the caller that found no writer, or the one promoted
 *  submit(e2) --+--&gt; [e1 e2 e3 ...] --take up to maxBatch--&gt; BatchWriter.write([e1, e2, e3])
 *  submit(e3) --+        ^
 *      | wait on own     | queued while a batch is being written
 *      | condition,      |
 *      | with time-out   |
 *      +&lt;---------------|------ each caller's outcome
 *                        +------ the oldest waiting caller is promoted to write the next batch
 * </pre>
 *
 * <p>
 * Guarantees:
 * <ul>
 * <li>Items are handed to the writer in submission order; at most one batch is being
 * written at a time.</li>
 * <li>A caller waits at most {@code waitTimeout} for its outcome (unless it is promoted
 * to writer meanwhile), then fails; an item whose caller gave up before a writer took it
 * is never written, one already taken may be.</li>
 * <li>A waiting caller that is interrupted fails and keeps its interrupt flag set; its
 * item may still be written if a writer had already taken it. An interrupt pending when a
 * caller becomes the writer is held back until its batch is written (the batch holds
 * other callers' items): it returns its outcome with the flag set again.</li>
 * <li>A writer that throws fails every item of its batch (an {@link Error} is rethrown
 * after that); the queue goes on with the next batch.</li>
 * </ul>
 *
 * <p>
 * <em>Gathering.</em> With a {@code gather} delay, a caller that becomes the writer of an
 * idle queue while the queue is busy (its last batch was written less than
 * {@link #BUSY_WINDOW} ago) first waits that long, without the lock, so that items
 * submitted meanwhile share its batch: under load, fewer and larger transactions for a
 * little latency; a quiet queue never waits. A promoted writer never waits (the items
 * queued while the previous batch was written are its batch).
 *
 * @param <T> the items
 * @param <R> what a caller gets back for its item
 */
public final class GroupCommit<T, R> implements AutoCloseable {

	/** Writes one batch; at most one call at a time. */
	@FunctionalInterface
	public interface BatchWriter<T, R> {

		/**
		 * Writes the items, oldest first.
		 * @return one outcome per item, in the same order
		 */
		List<Outcome<R>> write(List<T> batch);

	}

	/**
	 * What became of one item: a result, or a failure message (and cause) for its caller.
	 */
	public record Outcome<R>(R result, String failure, Throwable cause) {

		public static <R> Outcome<R> of(R result) {
			return new Outcome<>(Objects.requireNonNull(result, "result"), null, null);
		}

		public static <R> Outcome<R> failed(String message, Throwable cause) {
			return new Outcome<>(null, Objects.requireNonNull(message, "message"), cause);
		}

	}

	/**
	 * A queue whose last batch was written less than this long ago is busy: a new writer
	 * gathers (when a gather delay is set).
	 */
	public static final Duration BUSY_WINDOW = Duration.ofMillis(10);

	private final BatchWriter<T, R> writer;

	/** What an item is called in failure messages, e.g. "audit record". */
	private final String itemName;

	private final int maxBatch;

	private final Duration waitTimeout;

	/** How long a new writer of a busy queue waits for more items; 0: never. */
	private final long gatherNanos;

	/** A queue whose last batch was written less than this long ago is busy. */
	private final long busyWindowNanos;

	/** When the last batch was written ({@link System#nanoTime()}). */
	private volatile long lastWrittenNanos;

	/**
	 * Makes the exception a caller gets, in the caller's own thread, from a message and a
	 * cause (or null).
	 */
	private final BiFunction<String, Throwable, RuntimeException> failure;

	/**
	 * Guards the queue, the writer flag and the state of every {@link Pending}. Never
	 * held while writing.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when the last writer stops and the queue is empty. */
	private final Condition idle = this.lock.newCondition();

	/** Items not yet taken by a writer, oldest first. */
	private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();

	/**
	 * True from the moment a caller becomes the writer until a writer finds the queue
	 * empty.
	 */
	private boolean writing;

	private boolean closed;

	private volatile IntConsumer batchListener = (size) -> {
	};

	/**
	 * A queue writing with the given writer.
	 * @param itemName what an item is called in failure messages, e.g. "audit record"
	 * @param maxBatch most items in one batch, at least 1
	 * @param waitTimeout longest a caller waits for its outcome
	 * @param failure makes the exception thrown to a caller whose item failed, timed out
	 * or was refused
	 */
	public GroupCommit(BatchWriter<T, R> writer, String itemName, int maxBatch, Duration waitTimeout,
			BiFunction<String, Throwable, RuntimeException> failure) {
		this(writer, itemName, maxBatch, waitTimeout, Duration.ZERO, failure);
	}

	/**
	 * A queue writing with the given writer, gathering items for {@code gather} when it
	 * is busy (see the class description).
	 * @param gather how long a new writer of a busy queue waits for more items, zero or
	 * more (less than the wait time-out)
	 */
	public GroupCommit(BatchWriter<T, R> writer, String itemName, int maxBatch, Duration waitTimeout, Duration gather,
			BiFunction<String, Throwable, RuntimeException> failure) {
		this(writer, itemName, maxBatch, waitTimeout, gather, BUSY_WINDOW, failure);
	}

	/** As above, with another busy window (tests). */
	GroupCommit(BatchWriter<T, R> writer, String itemName, int maxBatch, Duration waitTimeout, Duration gather,
			Duration busyWindow, BiFunction<String, Throwable, RuntimeException> failure) {
		this.busyWindowNanos = busyWindow.toNanos();
		this.lastWrittenNanos = System.nanoTime() - this.busyWindowNanos - 1L;
		this.writer = Objects.requireNonNull(writer, "writer");
		this.itemName = Objects.requireNonNull(itemName, "itemName");
		this.failure = Objects.requireNonNull(failure, "failure");
		if (maxBatch < 1) {
			throw new IllegalArgumentException("maxBatch must be at least 1");
		}
		Objects.requireNonNull(waitTimeout, "waitTimeout");
		if (waitTimeout.isNegative() || waitTimeout.isZero()) {
			throw new IllegalArgumentException("waitTimeout must be positive");
		}
		Objects.requireNonNull(gather, "gather");
		if (gather.isNegative() || gather.compareTo(waitTimeout) >= 0) {
			throw new IllegalArgumentException("gather must be zero or more and less than waitTimeout");
		}
		this.maxBatch = maxBatch;
		this.waitTimeout = waitTimeout;
		this.gatherNanos = gather.toNanos();
	}

	/**
	 * Tells the listener the size of every batch taken for writing (for a metric of how
	 * many items share a transaction); replaces any earlier listener. The listener runs
	 * on the writing caller's thread and must be quick; what it throws is ignored.
	 */
	public void onBatch(IntConsumer listener) {
		this.batchListener = Objects.requireNonNull(listener, "listener");
	}

	/** Longest a caller waits for its outcome. */
	public Duration waitTimeout() {
		return this.waitTimeout;
	}

	/**
	 * Submits the item and returns its result once its batch is written.
	 * @throws RuntimeException made by the failure function when the item failed, the
	 * wait timed out, the thread was interrupted or the queue is closed
	 */
	public R submit(T item) {
		Pending<T, R> mine = new Pending<>(Objects.requireNonNull(item, "item"), this.lock.newCondition());
		boolean lead;
		this.lock.lock();
		try {
			if (this.closed) {
				throw this.failure.apply("the " + this.itemName + " queue is closed", null);
			}
			this.queue.addLast(mine);
			lead = !this.writing;
			this.writing = true;
		}
		finally {
			this.lock.unlock();
		}
		if (lead && this.gatherNanos > 0L && System.nanoTime() - this.lastWrittenNanos < this.busyWindowNanos) {
			// busy: let the items about to arrive share this batch
			LockSupport.parkNanos(this.gatherNanos);
		}
		return lead ? lead(mine) : follow(mine);
	}

	/**
	 * Stops accepting items, fails those queued but not yet taken by a writer and waits
	 * up to the wait time-out for the batch being written to finish.
	 */
	@Override
	public void close() {
		this.lock.lock();
		try {
			this.closed = true;
			for (Pending<T, R> pending : this.queue) {
				pending.finish(Outcome.failed(
						"the " + this.itemName + " queue was closed before the " + this.itemName + " was written",
						null));
			}
			this.queue.clear();
			long nanos = this.waitTimeout.toNanos();
			while (this.writing && nanos > 0L) {
				nanos = this.idle.awaitNanos(nanos);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Items queued and not yet taken by a writer. */
	public int queued() {
		this.lock.lock();
		try {
			return (int) this.queue.stream().filter((pending) -> !pending.abandoned && !pending.finished()).count();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until a writer has written the item (or failed it) or promotes this caller to
	 * write.
	 */
	private R follow(Pending<T, R> mine) {
		boolean interrupted = false;
		boolean promoted;
		this.lock.lock();
		try {
			long nanos = this.waitTimeout.toNanos();
			while (!mine.finished() && !mine.promoted && !interrupted) {
				if (nanos <= 0L) {
					mine.abandoned = true;
					throw this.failure.apply(this.itemName + " was not written within " + this.waitTimeout
							+ ": the writer is stuck or slow (it may still be written)", null);
				}
				try {
					nanos = mine.changed.awaitNanos(nanos);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			promoted = mine.promoted;
			if (!promoted && !interrupted) {
				return result(mine);
			}
			if (interrupted && !promoted) {
				mine.abandoned = true;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (promoted) {
			// Leadership cannot be refused, or the queue would stall: write, even when
			// interrupted meanwhile.
			R result = lead(mine);
			if (!interrupted) {
				return result;
			}
		}
		Thread.currentThread().interrupt();
		throw this.failure.apply(
				"interrupted while waiting for the " + this.itemName + " to be written (it may still be written)",
				null);
	}

	/**
	 * Writes batches until the caller's own item is done, then hands the writer role on.
	 */
	private R lead(Pending<T, R> mine) {
		// The batch holds other callers' items: the writer's own interrupt must not abort
		// it.
		boolean interrupted = Thread.interrupted();
		try {
			for (List<Pending<T, R>> batch = takeBatch(mine); !batch.isEmpty(); batch = takeBatch(mine)) {
				write(batch);
			}
		}
		finally {
			this.lock.lock();
			try {
				handOff();
			}
			finally {
				this.lock.unlock();
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		this.lock.lock();
		try {
			return result(mine);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The next batch, oldest first; empty once {@code mine} is done. */
	private List<Pending<T, R>> takeBatch(Pending<T, R> mine) {
		this.lock.lock();
		try {
			List<Pending<T, R>> batch = new ArrayList<>();
			if (mine.finished()) {
				return batch;
			}
			while (batch.size() < this.maxBatch && !this.queue.isEmpty()) {
				Pending<T, R> pending = this.queue.pollFirst();
				if (!pending.abandoned && !pending.finished()) {
					batch.add(pending);
				}
			}
			if (batch.isEmpty()) {
				// Cannot happen: the writer's own item is queued until taken. Never leave
				// its caller hanging.
				mine.finish(Outcome.failed(this.itemName + " was not written: the writer lost its own item", null));
			}
			return batch;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Promotes the oldest waiting caller to writer, or marks the queue idle. Called with
	 * the lock held.
	 */
	private void handOff() {
		while (!this.queue.isEmpty()) {
			Pending<T, R> next = this.queue.peekFirst();
			if (next.abandoned || next.finished()) {
				this.queue.pollFirst();
				continue;
			}
			// It stays queued: as writer it takes its own item first.
			next.promoted = true;
			next.changed.signal();
			return;
		}
		this.writing = false;
		this.idle.signalAll();
	}

	/**
	 * Writes the batch and completes every caller in it; throws only an {@link Error},
	 * after failing them.
	 */
	private void write(List<Pending<T, R>> batch) {
		try {
			this.batchListener.accept(batch.size());
		}
		catch (RuntimeException ex) {
			// a metric must never fail the items
		}
		List<Outcome<R>> outcomes;
		try {
			List<T> items = new ArrayList<>(batch.size());
			for (Pending<T, R> pending : batch) {
				items.add(pending.item);
			}
			outcomes = this.writer.write(items);
			this.lastWrittenNanos = System.nanoTime();
			if (outcomes == null || outcomes.size() != batch.size()) {
				throw new IllegalStateException("the writer gave " + ((outcomes != null) ? outcomes.size() : 0)
						+ " outcomes for " + batch.size() + " items");
			}
		}
		catch (RuntimeException ex) {
			finishAll(batch, Outcome.failed(this.itemName + " could not be written: " + ex.getMessage(), ex));
			return;
		}
		catch (Error ex) {
			finishAll(batch, Outcome.failed(this.itemName + " could not be written: " + ex, ex));
			throw ex;
		}
		this.lock.lock();
		try {
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).finish(outcomes.get(i));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void finishAll(List<Pending<T, R>> batch, Outcome<R> outcome) {
		this.lock.lock();
		try {
			for (Pending<T, R> pending : batch) {
				pending.finish(outcome);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The result, or a new exception (in the caller's thread) for the failure. Called
	 * with the lock held.
	 */
	private R result(Pending<T, R> pending) {
		Outcome<R> outcome = pending.outcome;
		if (outcome != null && outcome.result() != null) {
			return outcome.result();
		}
		throw this.failure.apply(
				(outcome != null) ? outcome.failure()
						: this.itemName + " was not written: the writer left it unfinished",
				(outcome != null) ? outcome.cause() : null);
	}

	/**
	 * One caller's item and, once known, its outcome. All mutable state is guarded by the
	 * queue's lock.
	 */
	private static final class Pending<T, R> {

		final T item;

		/** Signalled when the outcome is set or the caller is promoted to writer. */
		final Condition changed;

		Outcome<R> outcome;

		/** This caller is now the writer. */
		boolean promoted;

		/**
		 * The caller stopped waiting (time-out or interrupt): not to be written if not
		 * yet taken.
		 */
		boolean abandoned;

		Pending(T item, Condition changed) {
			this.item = item;
			this.changed = changed;
		}

		boolean finished() {
			return this.outcome != null;
		}

		void finish(Outcome<R> outcome) {
			if (this.outcome == null) {
				this.outcome = outcome;
				this.changed.signal();
			}
		}

	}

}
