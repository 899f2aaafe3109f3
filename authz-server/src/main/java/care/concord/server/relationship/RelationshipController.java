package care.concord.server.relationship;

import java.util.LinkedHashMap;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Declared care relationships of the calling agency: {@code POST /api/relationships}
 * declares one with the citizen named in the body ({@code {"subject": "<NHS number>"}}),
 * {@code DELETE /api/relationships} with the same body ends it. The organisation is
 * always the caller's token's {@code org_code}. Needs scope {@code uma_protection} or
 * {@code decision}. The NHS number travels in the body, not the URL, so it stays out of
 * access logs.
 */
@RestController
@RequestMapping("/api/relationships")
public class RelationshipController {

	private final CareRelationships relationships;

	public RelationshipController(CareRelationships relationships) {
		this.relationships = relationships;
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> declare(@RequestBody JsonNode body, Authentication authentication,
			HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		NhsNumber subject = subject(body);
		boolean created = this.relationships.declare(caller.actor(null), caller.orgCode(), subject);
		return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
			.body(view(caller.orgCode(), subject, true));
	}

	@DeleteMapping
	ResponseEntity<Map<String, Object>> end(@RequestBody JsonNode body, Authentication authentication) {
		CallingAgency caller = CallingAgency.from(authentication);
		NhsNumber subject = subject(body);
		if (!this.relationships.end(caller.actor(null), caller.orgCode(), subject)) {
			throw ProblemException.notFound("declared care relationship");
		}
		return ResponseEntity.ok(view(caller.orgCode(), subject, false));
	}

	private static NhsNumber subject(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw ProblemException.invalid("subject", "the body must be a JSON object with the subject's NHS number");
		}
		for (String name : body.propertyNames()) {
			if (!"subject".equals(name)) {
				throw ProblemException.invalid(name, "unexpected field");
			}
		}
		JsonNode subject = body.get("subject");
		if (subject == null || !subject.isString()) {
			throw ProblemException.invalid("subject", "the subject's NHS number is missing");
		}
		try {
			return NhsNumber.parse(subject.asString());
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalid("subject", ex.getMessage());
		}
	}

	private static Map<String, Object> view(String organisation, NhsNumber subject, boolean declared) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("organisation", organisation);
		view.put("subject", subject.value());
		view.put("declared", declared);
		return view;
	}

}
