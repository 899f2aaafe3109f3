package care.concord.server.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A loopback HTTP server on a random port that hands every request to the test
 * application's {@link MockMvc}, so that an HTTP client (a generated SDK) can be tested
 * against the one shared application context.
 */
final class MockMvcHttpBridge implements AutoCloseable {

	private final HttpServer server;

	private final MockMvc mvc;

	MockMvcHttpBridge(MockMvc mvc) throws IOException {
		this.mvc = mvc;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::forward);
		this.server.start();
	}

	/** The base URL to point a client at. */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void forward(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			MockHttpServletRequestBuilder request = MockMvcRequestBuilders
				.request(HttpMethod.valueOf(exchange.getRequestMethod()), uri)
				.content(exchange.getRequestBody().readAllBytes());
			exchange.getRequestHeaders()
				.forEach((name, values) -> values.forEach((value) -> request.header(name, value)));
			MockHttpServletResponse response;
			try {
				response = this.mvc.perform(request).andReturn().getResponse();
			}
			catch (Exception ex) {
				exchange.sendResponseHeaders(500, -1);
				return;
			}
			for (String name : response.getHeaderNames()) {
				if (!"Content-Length".equalsIgnoreCase(name)) {
					response.getHeaders(name).forEach((value) -> exchange.getResponseHeaders().add(name, value));
				}
			}
			byte[] body = response.getContentAsByteArray();
			exchange.sendResponseHeaders(response.getStatus(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
