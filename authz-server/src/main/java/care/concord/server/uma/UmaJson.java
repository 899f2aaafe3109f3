package care.concord.server.uma;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON bodies of the UMA protection API strictly (duplicate members refused),
 * so that unreadable input becomes a UMA {@code invalid_request} rather than a framework
 * error.
 */
final class UmaJson {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private UmaJson() {
	}

	/**
	 * Parses a request body.
	 * @throws UmaErrorException {@code invalid_request} when the body is missing or not
	 * JSON
	 */
	static JsonNode read(String body) {
		if (body == null || body.isBlank()) {
			throw new UmaErrorException(UmaError.INVALID_REQUEST, "the request body is missing");
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new UmaErrorException(UmaError.INVALID_REQUEST, "the request body is not valid JSON");
		}
	}

}
