package care.concord.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import care.concord.identity.nhs.NhsNumber;

/**
 * Reads the audit log: pages of records matching an {@link AuditQuery} (newest first),
 * one record by sequence number, a person's records for the citizen view, and a streamed
 * export in chain order.
 */
public final class AuditSearch {

	/** Page size when none is asked for. */
	public static final int DEFAULT_PAGE_SIZE = 50;

	/** Largest page size served; larger requests are cut to it. */
	public static final int MAX_PAGE_SIZE = 200;

	private static final int EXPORT_FETCH_SIZE = 500;

	private final DataSource dataSource;

	/** Searches the log in the given database. */
	public AuditSearch(DataSource dataSource) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
	}

	/**
	 * One page of the records matching the query, newest first.
	 * @param page the page number, from 0
	 * @param size the page size, cut to {@link #MAX_PAGE_SIZE}
	 * @throws IllegalArgumentException when page is negative or size is not positive
	 */
	public AuditPage search(AuditQuery query, int page, int size) {
		if (page < 0) {
			throw new IllegalArgumentException("page must be 0 or more");
		}
		if (size < 1) {
			throw new IllegalArgumentException("size must be 1 or more");
		}
		int capped = Math.min(size, MAX_PAGE_SIZE);
		Where where = where(query);
		try (Connection connection = this.dataSource.getConnection()) {
			long total = count(connection, where);
			List<AuditRecord> records = new ArrayList<>(capped);
			try (PreparedStatement select = connection.prepareStatement("SELECT " + AuditRecordRows.COLUMNS
					+ " FROM audit_record" + where.sql + " ORDER BY seq DESC LIMIT ? OFFSET ?")) {
				int next = where.bind(select, 1);
				select.setInt(next, capped);
				select.setLong(next + 1, (long) page * capped);
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						records.add(AuditRecordRows.read(rs));
					}
				}
			}
			return new AuditPage(records, page, capped, total, (total + capped - 1) / capped);
		}
		catch (SQLException ex) {
			throw new AuditLogException("audit records could not be read", ex);
		}
	}

	/**
	 * A page of a keyset search on the log up to {@code upTo} (the search's snapshot): up
	 * to {@code size} records (capped at {@value #MAX_PAGE_SIZE}) matching the query,
	 * newest first with sequence numbers below {@code position}, or, with
	 * {@code oldestFirst}, oldest first with sequence numbers above it.
	 * @param counted whether to count the matches ({@link AuditSlice#total()} is -1 when
	 * not: one query fewer)
	 */
	public AuditSlice searchPage(AuditQuery query, long position, long upTo, int size, boolean oldestFirst,
			boolean counted) {
		if (size < 1) {
			throw new IllegalArgumentException("size must be 1 or more");
		}
		int capped = Math.min(size, MAX_PAGE_SIZE);
		Where where = where(query);
		where.add("seq <= ?", upTo);
		try (Connection connection = this.dataSource.getConnection()) {
			long total = counted ? count(connection, where) : -1;
			where.add(oldestFirst ? "seq > ?" : "seq < ?", position);
			List<AuditRecord> records = new ArrayList<>(capped + 1);
			try (PreparedStatement select = connection
				.prepareStatement("SELECT " + AuditRecordRows.COLUMNS + " FROM audit_record" + where.sql
						+ " ORDER BY seq " + (oldestFirst ? "ASC" : "DESC") + " LIMIT ?")) {
				int next = where.bind(select, 1);
				select.setInt(next, capped + 1);
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						records.add(AuditRecordRows.read(rs));
					}
				}
			}
			boolean more = records.size() > capped;
			return new AuditSlice(more ? records.subList(0, capped) : records, total, more);
		}
		catch (SQLException ex) {
			throw new AuditLogException("audit records could not be read", ex);
		}
	}

	private static long count(Connection connection, Where where) throws SQLException {
		try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM audit_record" + where.sql)) {
			where.bind(count, 1);
			try (ResultSet rs = count.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/**
	 * A page of a keyset search ({@link #searchPage}).
	 *
	 * @param records the records, in the order searched
	 * @param total how many records match the search in all, -1 when not counted
	 * @param more whether records beyond the last of this page match too
	 */
	public record AuditSlice(List<AuditRecord> records, long total, boolean more) {

		public AuditSlice {
			records = List.copyOf(records);
		}

	}

	/**
	 * One page of the records about a person, newest first: what the citizen view shows
	 * them of who looked at their records and why.
	 */
	public AuditPage forSubject(NhsNumber subject, int page, int size) {
		return search(AuditQuery.aboutSubject(Objects.requireNonNull(subject, "subject")), page, size);
	}

	/**
	 * The agencies that asked for decisions about the person, the one that asked last
	 * first (for the citizen's "who may read it" view).
	 */
	public List<String> agenciesThatAsked(NhsNumber subject) {
		Objects.requireNonNull(subject, "subject");
		List<String> agencies = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection
					.prepareStatement("SELECT actor_agency FROM audit_record WHERE subject_nhs_number = ?"
							+ " AND event_type = 'DECISION' AND actor_agency IS NOT NULL GROUP BY actor_agency"
							+ " ORDER BY MAX(seq) DESC")) {
			select.setString(1, subject.value());
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					agencies.add(rs.getString(1));
				}
			}
			return agencies;
		}
		catch (SQLException ex) {
			throw new AuditLogException("audit records could not be read", ex);
		}
	}

	/**
	 * When each category held by each holder was last read about the person (the newest
	 * permitted decision naming that holder and category).
	 */
	public Map<HolderCategory, Instant> lastPermittedReads(NhsNumber subject) {
		Objects.requireNonNull(subject, "subject");
		Map<HolderCategory, Instant> lastRead = new HashMap<>();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection
					.prepareStatement("SELECT holder, category, MAX(recorded_at) FROM audit_record"
							+ " WHERE subject_nhs_number = ? AND event_type = 'DECISION' AND decision = 'permit'"
							+ " AND holder IS NOT NULL AND category IS NOT NULL GROUP BY holder, category")) {
			select.setString(1, subject.value());
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					lastRead.put(new HolderCategory(rs.getString(1), rs.getString(2)), rs.getTimestamp(3).toInstant());
				}
			}
			return lastRead;
		}
		catch (SQLException ex) {
			throw new AuditLogException("audit records could not be read", ex);
		}
	}

	/** A holder (ODS code) and a category of data it holds. */
	public record HolderCategory(String holder, String category) {
	}

	/** The record with the given sequence number. */
	public Optional<AuditRecord> find(long sequence) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection
					.prepareStatement("SELECT " + AuditRecordRows.COLUMNS + " FROM audit_record WHERE seq = ?")) {
			select.setLong(1, sequence);
			try (ResultSet rs = select.executeQuery()) {
				return rs.next() ? Optional.of(AuditRecordRows.read(rs)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw new AuditLogException("audit record could not be read", ex);
		}
	}

	/**
	 * Hands every record matching the query to the sink in chain order (oldest first),
	 * reading in batches so that an export of any size needs little memory. An exception
	 * from the sink stops the export and is rethrown.
	 * @return how many records were exported
	 */
	public long export(AuditQuery query, Consumer<AuditRecord> sink) {
		return export(query, Long.MAX_VALUE, sink);
	}

	/**
	 * Like {@link #export(AuditQuery, Consumer)}, but only records up to sequence number
	 * {@code upTo}: a snapshot that excludes what is appended while the export runs (such
	 * as the export's own access record).
	 */
	public long export(AuditQuery query, long upTo, Consumer<AuditRecord> sink) {
		Where where = where(query);
		where.add("seq <= ?", upTo);
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			// PostgreSQL honours the fetch size only inside a transaction; otherwise it
			// reads every row at once.
			connection.setAutoCommit(false);
			try (PreparedStatement select = connection.prepareStatement(
					"SELECT " + AuditRecordRows.COLUMNS + " FROM audit_record" + where.sql + " ORDER BY seq")) {
				select.setFetchSize(EXPORT_FETCH_SIZE);
				where.bind(select, 1);
				long exported = 0;
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						sink.accept(AuditRecordRows.read(rs));
						exported++;
					}
				}
				return exported;
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new AuditLogException("audit records could not be exported", ex);
		}
	}

	private static Where where(AuditQuery query) {
		Where where = new Where();
		if (query.subject() != null) {
			where.add("subject_nhs_number = ?", query.subject().value());
		}
		where.add("actor_agency = ?", query.agency());
		where.add("holder = ?", query.holder());
		if (query.from() != null) {
			where.add("recorded_at >= ?", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
		}
		if (query.to() != null) {
			where.add("recorded_at < ?", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
		}
		if (query.decision() != null) {
			where.add("decision = ?", query.decision().code());
		}
		where.add("reason_code = ?", query.reason());
		where.add("break_glass = ?", query.breakGlass());
		if (query.eventType() != null) {
			where.add("event_type = ?", query.eventType().name());
		}
		return where;
	}

	/** A WHERE clause of ANDed conditions with their bind values. */
	private static final class Where {

		private final StringBuilder conditions = new StringBuilder();

		private final List<Object> values = new ArrayList<>();

		private String sql = "";

		void add(String condition, Object value) {
			if (value == null) {
				return;
			}
			this.conditions.append(this.values.isEmpty() ? " WHERE " : " AND ").append(condition);
			this.values.add(value);
			this.sql = this.conditions.toString();
		}

		/**
		 * Binds the values from parameter {@code first} on; returns the next free
		 * parameter index.
		 */
		int bind(PreparedStatement statement, int first) throws SQLException {
			int index = first;
			for (Object value : this.values) {
				statement.setObject(index++, value);
			}
			return index;
		}

	}

}
