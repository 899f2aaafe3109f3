package care.concord.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Signed checkpoints of the audit chain head, kept in {@code audit_checkpoint} (apart
 * from the records and the head, see {@code V75__audit_checkpoint.sql}).
 *
 * <p>
 * A hash chain shows a changed or missing record <em>inside</em> the chain, but not a
 * lost tail: the head row goes with the records. A checkpoint anchors the chain outside
 * itself: "the chain once reached record #n with hash h", signed with the server's token
 * signing key. It is a JWS because whoever holds one (a client, an IG officer, an export)
 * can check it with the published JWKS alone, and the server cannot later sign a
 * different history under a retired key; an HMAC would need the secret to check and could
 * be recomputed by anyone holding it.
 *
 * <p>
 * Checkpoints are signed off the request path, by a thread of their own every
 * {@code interval} when the head has moved (a signature per decision would cost as much
 * as the decision). Consequences: a record is covered by a checkpoint at most about one
 * interval after it is written; the {@link AuditChainWriter} never gives out a sequence
 * number at or below the newest checkpoint; {@link ChainVerifier} reports a chain that
 * ends before it. Nodes sharing a database each sign; a checkpoint of a sequence number
 * already checkpointed is skipped.
 */
public final class AuditCheckpoints implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(AuditCheckpoints.class);

	private static final String LATEST = "SELECT seq, record_hash, signed_at, token FROM audit_checkpoint "
			+ "ORDER BY seq DESC LIMIT 1";

	private static final String HEAD = "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1";

	private static final String INSERT = "INSERT INTO audit_checkpoint (seq, record_hash, signed_at, token) "
			+ "VALUES (?, ?, ?, ?)";

	/** The claim holding the sequence number of the checkpointed record. */
	public static final String SEQUENCE_CLAIM = "audit_seq";

	/** The claim holding the hash of the checkpointed record. */
	public static final String HASH_CLAIM = "audit_hash";

	private final DataSource dataSource;

	private final JwtEncoder encoder;

	/** The algorithm of the current signing key, named in the JWS header. */
	private final Supplier<String> algorithm;

	/**
	 * Checks presented checkpoints: signature by a published key, {@code typ}
	 * {@value AuditCheckpoint#TYPE}.
	 */
	private final DefaultJWTProcessor<SecurityContext> verifier;

	private final String issuer;

	private final Clock clock;

	private ScheduledExecutorService scheduler;

	/**
	 * Checkpoints of the chain in the given database, signed by the encoder.
	 * @param algorithm the JWS algorithm of the encoder's current key, e.g. {@code RS256}
	 * @param publishedKeys the server's published keys, to check checkpoints presented by
	 * callers
	 * @param issuer the server's issuer identifier, put in {@code iss}; null or blank for
	 * none
	 */
	public AuditCheckpoints(DataSource dataSource, JwtEncoder encoder, Supplier<String> algorithm,
			JWKSource<SecurityContext> publishedKeys, String issuer, Clock clock) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		this.encoder = Objects.requireNonNull(encoder, "encoder");
		this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
		this.verifier = new DefaultJWTProcessor<>();
		this.verifier.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AuditCheckpoint.TYPE)));
		Set<JWSAlgorithm> algorithms = new HashSet<>(JWSAlgorithm.Family.RSA);
		algorithms.addAll(JWSAlgorithm.Family.EC);
		this.verifier.setJWSKeySelector(
				new JWSVerificationKeySelector<>(algorithms, Objects.requireNonNull(publishedKeys, "publishedKeys")));
		this.verifier.setJWTClaimsSetVerifier((claims, context) -> {
			// checked below: the checkpoint's own claims
		});
		this.issuer = (issuer == null || issuer.isBlank()) ? null : issuer;
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Signs a checkpoint every interval (when the head has moved) from now on, in a
	 * daemon thread of its own.
	 */
	public synchronized void start(Duration interval) {
		if (this.scheduler != null) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "concord-audit-checkpoint");
			thread.setDaemon(true);
			return thread;
		});
		long millis = Math.max(50, interval.toMillis());
		this.scheduler.scheduleWithFixedDelay(this::checkpointQuietly, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops signing; a checkpoint being signed is finished first (for at most five
	 * seconds).
	 */
	@Override
	public synchronized void close() throws InterruptedException {
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
			this.scheduler = null;
		}
	}

	/**
	 * Signs and stores a checkpoint of the chain head as it is now, unless it is already
	 * checkpointed.
	 * @return the newest checkpoint (the new one, or the one already there); null when
	 * the chain is empty
	 * @throws AuditLogException when the database cannot be read or written
	 */
	public AuditCheckpoint checkpoint() {
		try (Connection connection = this.dataSource.getConnection()) {
			long headSeq;
			String headHash;
			try (PreparedStatement statement = connection.prepareStatement(HEAD);
					ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw new AuditLogException("audit_chain_head has no row");
				}
				headSeq = rs.getLong(1);
				headHash = rs.getString(2);
			}
			AuditCheckpoint latest = latest(connection);
			if (headSeq == 0 || (latest != null && latest.sequence() >= headSeq)) {
				// nothing new, or the head is behind the checkpoint (the writer carries
				// on after it)
				return latest;
			}
			AuditCheckpoint signed = sign(headSeq, headHash);
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				insert.setLong(1, signed.sequence());
				insert.setString(2, signed.hash());
				insert.setTimestamp(3, Timestamp.from(signed.signedAt()));
				insert.setString(4, signed.token());
				insert.executeUpdate();
			}
			catch (SQLException ex) {
				if (ex.getSQLState() == null || !ex.getSQLState().startsWith("23")) {
					throw ex;
				}
				// another node checkpointed the same record meanwhile
				return latest(connection);
			}
			return signed;
		}
		catch (SQLException ex) {
			throw new AuditLogException("audit checkpoint could not be written", ex);
		}
	}

	/**
	 * The newest checkpoint, or null when none was signed yet.
	 * @throws AuditLogException when the database cannot be read
	 */
	public AuditCheckpoint latest() {
		try (Connection connection = this.dataSource.getConnection()) {
			return latest(connection);
		}
		catch (SQLException ex) {
			throw new AuditLogException("audit checkpoint could not be read", ex);
		}
	}

	/** The newest checkpoint in the database the connection is to, or null. */
	static AuditCheckpoint latest(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(LATEST);
				ResultSet rs = statement.executeQuery()) {
			if (!rs.next()) {
				return null;
			}
			return new AuditCheckpoint(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4));
		}
	}

	private AuditCheckpoint sign(long sequence, String hash) {
		// iat has whole seconds: the stored time is the signed one
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuedAt(now)
			.claim(SEQUENCE_CLAIM, sequence)
			.claim(HASH_CLAIM, hash);
		if (this.issuer != null) {
			claims.issuer(this.issuer);
		}
		// typ keeps a checkpoint from ever passing for an access token (whose decoder
		// accepts only "JWT" or none)
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(this.algorithm.get()))
			.type(AuditCheckpoint.TYPE)
			.build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
		return new AuditCheckpoint(sequence, hash, now, token);
	}

	/**
	 * The checkpoint a caller presents, once its signature (by one of the server's
	 * published keys), type and claims are checked.
	 * @throws IllegalArgumentException when it is not a valid checkpoint of this server
	 */
	public AuditCheckpoint parse(String token) {
		JWTClaimsSet claims;
		try {
			claims = this.verifier.process(token, null);
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			throw new IllegalArgumentException("not a checkpoint signed by this server: " + ex.getMessage());
		}
		try {
			Long sequence = claims.getLongClaim(SEQUENCE_CLAIM);
			String hash = claims.getStringClaim(HASH_CLAIM);
			if (sequence == null || sequence < 1 || hash == null || !hash.matches("[0-9a-f]{64}")
					|| claims.getIssueTime() == null) {
				throw new IllegalArgumentException("the checkpoint lacks audit_seq, audit_hash or iat");
			}
			if (this.issuer != null && !this.issuer.equals(claims.getIssuer())) {
				throw new IllegalArgumentException("the checkpoint was not issued by this server");
			}
			return new AuditCheckpoint(sequence, hash, claims.getIssueTime().toInstant(), token);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("the checkpoint's claims are malformed: " + ex.getMessage());
		}
	}

	private void checkpointQuietly() {
		try {
			checkpoint();
		}
		catch (RuntimeException ex) {
			// the database or the signing key is unavailable: the next run tries again
			logger.warn("Audit checkpoint not signed: " + ex.getMessage());
		}
	}

}
