package care.concord.server.oauth;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import care.concord.server.RequiresService;
import care.concord.server.TestDatabases;
import care.concord.server.TestServices.Service;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.TestingAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 finding 4 across nodes: two "nodes" (two connection pools on one PostgreSQL
 * database) claiming one authorization code at once; exactly one claim counts 1, whatever
 * the interleaving.
 */
@RequiresService(Service.POSTGRESQL)
class AuthorizationCodeClaimPostgresTests {

	@Test
	void claimWhenEightRedemptionsOnTwoNodesAtOnceThenExactlyOneIsFirst() throws Exception {
		String database = "concord_code_claim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String url = TestDatabases.recreatePostgresDatabase(database, "PostgreSQL authorization code claim test");
		try (HikariDataSource nodeA = TestDatabases.pool(url, "postgres", 4, "code-claim-a");
				HikariDataSource nodeB = TestDatabases.pool(url, "postgres", 4, "code-claim-b")) {
			TestDatabases.migrate(nodeA);
			String id = UUID.randomUUID().toString();
			new JdbcTemplate(nodeA)
				.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, "
						+ "authorization_grant_type, authorization_code_value) VALUES (?, 'client', 'someone', "
						+ "'authorization_code', 'the-code')", id);
			List<SingleUseAuthorizationCodes> nodes = List.of(node(nodeA), node(nodeB));
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(8);
			try {
				List<Future<Integer>> claims = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					SingleUseAuthorizationCodes node = nodes.get(i % 2);
					claims.add(pool.submit(() -> {
						start.await();
						return node.claim(id);
					}));
				}
				start.countDown();
				List<Integer> counts = new ArrayList<>();
				for (Future<Integer> claim : claims) {
					counts.add(claim.get(60, TimeUnit.SECONDS));
				}
				assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
			}
			finally {
				pool.shutdownNow();
			}
		}
		finally {
			TestDatabases.dropPostgresDatabase(database);
		}
	}

	private static SingleUseAuthorizationCodes node(HikariDataSource dataSource) {
		AuthenticationProvider unused = new TestingAuthenticationProvider();
		return new SingleUseAuthorizationCodes(unused, new InMemoryOAuth2AuthorizationService(),
				new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

}
