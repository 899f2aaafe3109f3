package care.concord.server.audit;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A data source around a real one that lets a test hold the next {@link #getConnection()}
 * until it says so (to make callers queue behind a writer), refuse chosen commits, and
 * count connections and commits. Not {@link AutoCloseable}, so closing a log on it leaves
 * the real pool open.
 */
final class ControlledDataSource implements DataSource {

	/**
	 * The SQL state of a refused commit: a connection failure, which is not worth
	 * retrying.
	 */
	static final String COMMIT_REFUSED_STATE = "08006";

	private final DataSource target;

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger commits = new AtomicInteger();

	private final Set<Integer> refusedCommits = ConcurrentHashMap.newKeySet();

	/** Entered and release latches of the hold armed for the next connection. */
	private final AtomicReference<CountDownLatch[]> hold = new AtomicReference<>();

	/** The latches of the hold that a connection took. */
	private volatile CountDownLatch[] holding;

	ControlledDataSource(DataSource target) {
		this.target = target;
	}

	/**
	 * Makes the next {@link #getConnection()} wait, before it takes a connection, until
	 * {@link #release()}.
	 * @return a latch that opens when that call has started waiting
	 */
	CountDownLatch holdNextConnection() {
		CountDownLatch entered = new CountDownLatch(1);
		if (!this.hold.compareAndSet(null, new CountDownLatch[] { entered, new CountDownLatch(1) })) {
			throw new IllegalStateException("a connection is already held");
		}
		return entered;
	}

	/** Lets the held {@link #getConnection()} go on. */
	void release() {
		CountDownLatch[] latches = this.holding;
		if (latches != null) {
			latches[1].countDown();
		}
	}

	/**
	 * Refuses the commit with the given ordinal (1 = the first commit through this data
	 * source).
	 */
	void refuseCommit(int ordinal) {
		this.refusedCommits.add(ordinal);
	}

	int connections() {
		return this.connections.get();
	}

	int commits() {
		return this.commits.get();
	}

	@Override
	public Connection getConnection() throws SQLException {
		CountDownLatch[] latches = this.hold.getAndSet(null);
		if (latches != null) {
			this.holding = latches;
			latches[0].countDown();
			try {
				if (!latches[1].await(1, TimeUnit.MINUTES)) {
					throw new SQLException("the test never released the held connection");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted while held", ex);
			}
		}
		this.connections.incrementAndGet();
		return controlled(this.target.getConnection());
	}

	private Connection controlled(Connection connection) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					if (method.getName().equals("commit") && method.getParameterCount() == 0
							&& this.refusedCommits.contains(this.commits.incrementAndGet())) {
						throw new SQLException("commit refused by the test", COMMIT_REFUSED_STATE);
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.target.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.target.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.target.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.target.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.target.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		throw new SQLException("not a wrapper");
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) {
		return false;
	}

}
