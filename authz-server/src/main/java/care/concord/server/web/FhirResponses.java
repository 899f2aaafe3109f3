package care.concord.server.web;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * HTTP answers for FHIR reads: {@code application/fhir+json} with the resource's version
 * as a weak {@code ETag} ({@code W/"<versionId>"}) and its {@code meta.lastUpdated} as
 * {@code Last-Modified}. Spring MVC compares them with the request's
 * {@code If-None-Match} / {@code If-Modified-Since} on GET and answers 304 Not Modified
 * without the body when they match.
 *
 * @see <a href="https://hl7.org/fhir/R4/http.html#read">FHIR R4 RESTful read</a>
 */
public final class FhirResponses {

	/** The FHIR JSON media type. */
	public static final MediaType FHIR_JSON = OperationOutcomeAdvice.FHIR_JSON;

	/** The path of Concord's FHIR base, below the server's context path. */
	public static final String BASE_PATH = "/fhir";

	private FhirResponses() {
	}

	/** 200 with the resource's JSON, its ETag and, when known, Last-Modified. */
	public static ResponseEntity<String> read(String json, String versionId, Instant lastUpdated) {
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(FHIR_JSON).eTag(etag(versionId));
		if (lastUpdated != null) {
			ok.lastModified(lastUpdated);
		}
		return ok.body(json);
	}

	/** The weak entity tag of a FHIR version id: {@code W/"3"}. */
	public static String etag(String versionId) {
		return "W/\"" + versionId + "\"";
	}

	/**
	 * The absolute URL of Concord's FHIR base as the client reached it (scheme, host,
	 * port and context path of the request, forwarded headers honoured when the server is
	 * configured to).
	 */
	public static String baseUrl(HttpServletRequest request) {
		return ServletUriComponentsBuilder.fromContextPath(request).path(BASE_PATH).build().toUriString();
	}

}
