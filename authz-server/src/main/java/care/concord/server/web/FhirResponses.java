package care.concord.server.web;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	/** A FHIR version as an entity tag, weak or strong: {@code W/"3"}, {@code "3"}. */
	private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?\"([0-9]{1,19})\"");

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

	/**
	 * The version a FHIR client's {@code If-Match} names, as FHIR's version-aware update
	 * uses it ({@code W/"3"}; a strong {@code "3"} is read the same, as FHIR servers
	 * commonly do): the version the client last read, which the update must still find.
	 * @param ifMatch the header, or null
	 * @return the version, or null when there is no condition (no header, or {@code *})
	 * @throws ProblemException 412 when the header names no single numeric version (no
	 * version can match it)
	 */
	public static Long expectedVersion(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return null;
		}
		Matcher tag = ENTITY_TAG.matcher(ifMatch.strip());
		if (!tag.matches()) {
			throw new ProblemException(ErrorCatalogue.PRECONDITION_FAILED,
					"If-Match must name one version as W/\"<versionId>\" (the ETag of the last read)");
		}
		try {
			return Long.parseLong(tag.group(1));
		}
		catch (NumberFormatException ex) {
			throw new ProblemException(ErrorCatalogue.PRECONDITION_FAILED, "no such version");
		}
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
