package care.concord.server;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 condition behind {@link RequiresService}: is each service the test needs
 * there? Skips the test (with what is missing and how to get it) when one is not, or,
 * when the environment variable {@code CI} is {@code true}, fails it. Each service is
 * probed once per JVM.
 */
public final class TestServices implements ExecutionCondition {

	/**
	 * The services tests may need, each with its probe and what to do when it is missing.
	 */
	public enum Service {

		/**
		 * PostgreSQL on {@code CONCORD_TEST_PG_HOST:CONCORD_TEST_PG_PORT}
		 * (127.0.0.1:5432), user postgres.
		 */
		POSTGRESQL("PostgreSQL on " + postgresHost() + ":" + postgresPort() + " (user postgres, trust auth)") {
			@Override
			boolean available() {
				return listening(postgresHost(), postgresPort());
			}
		},

		/** The machine's Redis on 127.0.0.1:6379. */
		REDIS("Redis on 127.0.0.1:6379") {
			@Override
			boolean available() {
				return listening("127.0.0.1", 6379);
			}
		},

		/**
		 * A {@code redis-server} executable on the PATH, for tests that start (and stop)
		 * a Redis of their own.
		 */
		REDIS_SERVER("redis-server on the PATH (apt-get install -y redis-server)") {
			@Override
			boolean available() {
				return onPath("redis-server");
			}
		},

		/**
		 * Headless Chromium and ChromeDriver ({@code -Dconcord.e2e.chromium=},
		 * {@code -Dconcord.e2e.chromedriver=}).
		 */
		BROWSER("Chromium and ChromeDriver (" + chromium() + ", " + chromedriver()
				+ "): apt-get install -y chromium chromium-driver") {
			@Override
			boolean available() {
				return Files.isExecutable(Path.of(chromium())) && Files.isExecutable(Path.of(chromedriver()));
			}
		};

		private final String description;

		Service(String description) {
			this.description = description;
		}

		abstract boolean available();

		/** What the service is and where it is expected, for messages. */
		public String description() {
			return this.description;
		}

	}

	private static final Map<Service, Boolean> PROBED = new HashMap<>();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Optional<RequiresService> required = context.getElement()
			.flatMap((element) -> AnnotationSupport.findAnnotation(element, RequiresService.class));
		if (required.isEmpty()) {
			return ConditionEvaluationResult.enabled("no service required");
		}
		List<String> missing = new ArrayList<>();
		for (Service service : required.get().value()) {
			if (!isAvailable(service)) {
				missing.add(service.description());
			}
		}
		return decide(context.getDisplayName(), missing, ci());
	}

	/**
	 * Enabled when nothing is missing; otherwise disabled, or under CI an exception that
	 * fails the tests.
	 */
	static ConditionEvaluationResult decide(String tests, List<String> missing, boolean ci) {
		if (missing.isEmpty()) {
			return ConditionEvaluationResult.enabled("required services are there");
		}
		String message = tests + " needs " + String.join(", ", missing);
		if (ci) {
			throw new IllegalStateException(message + " (CI=true, so this fails instead of skipping)");
		}
		return ConditionEvaluationResult.disabled(message + "; skipped");
	}

	/** Whether the service is there (probed once per JVM). */
	public static synchronized boolean isAvailable(Service service) {
		return PROBED.computeIfAbsent(service, Service::available);
	}

	/**
	 * Whether this run is CI ({@code CI=true}), where a missing service fails the tests
	 * that need it.
	 */
	public static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/**
	 * The PostgreSQL host of the tests ({@code CONCORD_TEST_PG_HOST}, default 127.0.0.1).
	 */
	public static String postgresHost() {
		return env("CONCORD_TEST_PG_HOST", "127.0.0.1");
	}

	/** The PostgreSQL port of the tests ({@code CONCORD_TEST_PG_PORT}, default 5432). */
	public static int postgresPort() {
		return Integer.parseInt(env("CONCORD_TEST_PG_PORT", "5432"));
	}

	/**
	 * The Chromium binary of the browser tests ({@code -Dconcord.e2e.chromium}, default
	 * /usr/bin/chromium).
	 */
	public static String chromium() {
		return System.getProperty("concord.e2e.chromium", "/usr/bin/chromium");
	}

	/**
	 * The ChromeDriver binary ({@code -Dconcord.e2e.chromedriver}, default
	 * /usr/bin/chromedriver).
	 */
	public static String chromedriver() {
		return System.getProperty("concord.e2e.chromedriver", "/usr/bin/chromedriver");
	}

	private static boolean listening(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static boolean onPath(String executable) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, executable))) {
				return true;
			}
		}
		return false;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
