package care.concord.server.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the multi-node test starts and always stops: a Concord node from the packaged
 * jar, or a Redis server of the test's own on a free port (never the machine's shared
 * one).
 */
final class NodeProcess implements AutoCloseable {

	final String name;

	final int port;

	final Path log;

	private final List<String> command;

	private Process process;

	private NodeProcess(String name, int port, Path log, List<String> command) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.command = command;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static NodeProcess redis(Path dir, int port) {
		return new NodeProcess("redis", port, dir.resolve("redis.log"),
				List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
						"--appendonly", "no", "--dir", dir.toString()));
	}

	static NodeProcess concord(String name, Path jar, Path dir, int port, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.addAll(arguments);
		return new NodeProcess(name, port, dir.resolve(name + ".log"), command);
	}

	NodeProcess start() throws IOException {
		Files.createDirectories(this.log.getParent());
		ProcessBuilder builder = new ProcessBuilder(this.command).directory(this.log.getParent().toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().remove("CONCORD_BOOTSTRAP_ADMIN_USERNAME");
		this.process = builder.start();
		return this;
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/** Waits until {@code url} answers 200, or fails naming the log. */
	void awaitHttp(HttpClient http, String url, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!isAlive()) {
				throw new IllegalStateException(this.name + " exited; see " + this.log + "\n" + tail());
			}
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(
				this.name + " not ready after " + timeout + "; see " + this.log + "\n" + tail());
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	void stop() throws InterruptedException {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
