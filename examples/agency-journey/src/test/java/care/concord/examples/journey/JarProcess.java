package care.concord.examples.journey;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the journey's processes, started from its packaged jar on a free loopback port,
 * its output in a log file; always stopped by the test.
 */
final class JarProcess {

	final String name;

	final int port;

	final Path log;

	private final List<String> command = new ArrayList<>();

	private Process process;

	JarProcess(String name, Path jar, Path dir) throws IOException {
		this.name = name;
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		this.log = dir.resolve(name + ".log");
		this.command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + this.port,
				"--server.address=127.0.0.1"));
	}

	JarProcess arguments(List<String> arguments) {
		this.command.addAll(arguments);
		return this;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	JarProcess start() throws IOException {
		this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		return this;
	}

	/**
	 * Waits until {@code path} answers (any status below 500); fails with the log's tail
	 * when the process dies or time runs out.
	 */
	void awaitReady(HttpClient http, String path, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + ":\n" + tail());
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() < 500) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(this.name + " not ready after " + timeout + ":\n" + tail());
	}

	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

}
