package care.concord.agency;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Concord stand-in on a loopback port for the kit's tests: it speaks the protection
 * API, introspection and the UMA grant as docs/uma.md describes them, with answers the
 * test sets.
 */
final class FakeConcord implements AutoCloseable {

	final HttpServer server;

	final List<String> calls = new CopyOnWriteArrayList<>();

	final Map<String, String> introspections = new ConcurrentHashMap<>();

	final AtomicInteger resources = new AtomicInteger();

	volatile String grantAnswer = "{\"access_token\":\"rpt-1\",\"token_type\":\"Bearer\",\"expires_in\":300}";

	volatile int grantStatus = 200;

	volatile Map<String, String> lastGrant = Map.of();

	/**
	 * The PAT Concord accepts; changing it makes the kit's current PAT invalid (expired
	 * or revoked).
	 */
	volatile String validPat = "pat-1";

	FakeConcord() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String issuer() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The kit's connection to this stand-in. */
	ConcordConnection connection(String clientId, java.time.Duration introspectionCacheTtl) {
		return new ConcordConnection(new ConcordSettings(java.net.URI.create(issuer()), clientId, "secret",
				java.time.Duration.ofSeconds(2), introspectionCacheTtl));
	}

	long count(String prefix) {
		return this.calls.stream().filter((call) -> call.startsWith(prefix)).count();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.calls.add(exchange.getRequestMethod() + " " + path);
		Map<String, String> form = form(body);
		if (path.equals("/oauth2/token") && "client_credentials".equals(form.get("grant_type"))) {
			answer(exchange, 200, "{\"access_token\":\"" + this.validPat + "\",\"expires_in\":900}");
		}
		else if (path.equals("/oauth2/token")) {
			this.lastGrant = form;
			answer(exchange, this.grantStatus, this.grantAnswer);
		}
		else if (!("Bearer " + this.validPat).equals(authorization)) {
			answer(exchange, 401, "{\"error\":\"invalid_token\"}");
		}
		else if (path.equals("/uma/resource_set") && exchange.getRequestMethod().equals("POST")) {
			answer(exchange, 201, "{\"_id\":\"r" + this.resources.incrementAndGet() + "\"}");
		}
		else if (path.equals("/uma/resource_set")) {
			answer(exchange, 200, "[]");
		}
		else if (path.equals("/uma/permission")) {
			answer(exchange, 201, "{\"ticket\":\"t-" + this.calls.size() + "\"}");
		}
		else if (path.equals("/oauth2/introspect")) {
			answer(exchange, 200, this.introspections.getOrDefault(form.get("token"), "{\"active\":false}"));
		}
		else {
			answer(exchange, 404, "{\"error\":\"not_found\"}");
		}
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> form(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return fields;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
