package care.concord.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring Boot integration test configuration of Concord: the full application on
 * a mock servlet environment, MockMvc with every filter, profile {@code test} (in-memory
 * H2), and the shared fixtures ({@link TestAgencies}, {@link TestPeople}). Every
 * integration test uses exactly this annotation, nothing more (no {@code @MockitoBean},
 * no extra properties), so one application context is built and cached for the whole
 * suite.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(TestFixturesConfiguration.class)
public @interface ConcordIntegrationTest {

}
