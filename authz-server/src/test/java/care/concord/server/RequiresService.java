package care.concord.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class (or method) only when the services it needs are there:
 * PostgreSQL, Redis, a {@code redis-server} to start, the headless browser. When one is
 * missing the tests are skipped with a message saying what to install or start; under
 * {@code CI=true} they fail instead, so that CI never passes by skipping. The one way
 * every test decides this ({@link TestServices}).
 *
 * <pre class="code">
 * &#64;RequiresService(TestServices.Service.POSTGRESQL)
 * class ConsentStorePostgresTests extends ConsentStoreContract { ... }
 * </pre>
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TestServices.class)
public @interface RequiresService {

	/** Every service the tests need. */
	TestServices.Service[] value();

}
