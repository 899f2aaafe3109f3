package care.concord.server.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.policy.decision.Audience;
import care.concord.policy.decision.Decision;
import care.concord.policy.decision.Obligation;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.decision.AuthZenRequest.Evaluation;
import care.concord.server.relationship.CallingAgency;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consent decision API in the form of the OpenID AuthZEN Authorization API 1.0: an
 * agency (bearer token with scope {@code decision}) asks whether one of its practitioners
 * may read a category of a citizen's record held by some organisation.
 *
 * <pre>
 * POST /access/v1/evaluation
 * {"subject":  {"type": "agency-practitioner", "id": "P123",
 *               "properties": {"organisation": "A81001", "org_type": "gp", "role": "clinician"}},
 *  "resource": {"type": "care-record", "id": "9434765919",
 *               "properties": {"category": "medications", "holder": "RR8"}},
 *  "action":   {"name": "read"},
 *  "context":  {"purpose": "direct-care", "break_glass_reason": null}}
 * -&gt; {"decision": true, "context": {"reason": "implied-consent", "obligations": [], "explanation": "...",
 *                                  "audit_id": "42"}}
 * </pre>
 *
 * <p>
 * The requester is the caller: {@code subject.properties.organisation} must be the
 * token's {@code org_code} and {@code org_type}, when given, the token's
 * {@code org_type}. {@code context.relationship} can only narrow: {@code false} decides
 * without a care relationship, {@code true} (or absent) lets Concord look the
 * relationship up ({@link care.concord.server.relationship.CareRelationships}); an agency
 * cannot create one by asserting it.
 *
 * <p>
 * Every evaluation is decided and audited by the {@link ConsentDecisionService}. An
 * invalid request is audited as an error and answered with an RFC 9457 problem (400)
 * naming the field; in a batch, an invalid evaluation is answered in its place with
 * {@code "decision": false} and {@code context.error}. A batch honours
 * {@code options.evaluations_semantic}. Parsing: {@link AuthZenRequest}; the caller's
 * {@code X-Request-ID} is echoed by the request id filter and recorded with each
 * decision.
 *
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html#section-6">AuthZEN
 * Access Evaluation API</a>
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html#section-7">AuthZEN
 * Access Evaluations API</a>
 */
@RestController
public class AuthZenController {

	/** Largest batch accepted. */
	public static final int MAX_EVALUATIONS = AuthZenRequest.MAX_EVALUATIONS;

	/** The Access Evaluation API's path. */
	public static final String EVALUATION_PATH = "/access/v1/evaluation";

	/** The Access Evaluations API's path. */
	public static final String EVALUATIONS_PATH = "/access/v1/evaluations";

	private final ConsentDecisionService decisions;

	public AuthZenController(ConsentDecisionService decisions) {
		this.decisions = decisions;
	}

	/** One evaluation (AuthZEN section 6). */
	@PostMapping(EVALUATION_PATH)
	Map<String, Object> evaluation(@RequestBody(required = false) String body, Authentication authentication,
			HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		String requestId = CallingAgency.requestId(request);
		Evaluation evaluation;
		try {
			evaluation = AuthZenRequest.parseEvaluation(body, caller, requestId);
		}
		catch (InvalidRequestException ex) {
			throw this.decisions.invalid(AuthZenRequest.base(caller, requestId), ex);
		}
		try {
			return response(this.decisions.decide(evaluation.query()));
		}
		catch (InvalidRequestException ex) {
			// audited by the decision service; named here as the AuthZEN member it came
			// from
			throw evaluation.renamed(ex);
		}
	}

	/**
	 * A batch of evaluations with shared defaults and an evaluation semantic (AuthZEN
	 * section 7).
	 */
	@PostMapping(EVALUATIONS_PATH)
	Map<String, Object> evaluations(@RequestBody(required = false) String body, Authentication authentication,
			HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		String requestId = CallingAgency.requestId(request);
		AuthZenRequest batch;
		try {
			batch = AuthZenRequest.parse(body, caller, requestId);
		}
		catch (InvalidRequestException ex) {
			throw this.decisions.invalid(AuthZenRequest.base(caller, requestId), ex);
		}
		List<Map<String, Object>> results = new ArrayList<>();
		for (Evaluation evaluation : batch.evaluations()) {
			Map<String, Object> result = result(evaluation, caller, requestId);
			results.add(result);
			if (batch.semantic().stopsAt(Boolean.TRUE.equals(result.get("decision")))) {
				break;
			}
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("evaluations", results);
		return response;
	}

	private Map<String, Object> result(Evaluation evaluation, CallingAgency caller, String requestId) {
		if (evaluation.error() != null) {
			return errorResult(this.decisions.invalid(AuthZenRequest.base(caller, requestId), evaluation.error()));
		}
		try {
			return response(this.decisions.decide(evaluation.query()));
		}
		catch (InvalidRequestException ex) {
			// audited by the decision service
			return errorResult(evaluation.renamed(ex));
		}
	}

	private static Map<String, Object> response(AuditedDecision audited) {
		Decision decision = audited.decision();
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("reason", decision.reason().code());
		context.put("obligations", decision.obligations().stream().map(Obligation::code).sorted().toList());
		// agencies read about the citizen, in the third person
		context.put("explanation", decision.explanation(Audience.OTHERS));
		if (decision.decidingDirectiveId() != null) {
			context.put("directive", decision.decidingDirectiveId());
		}
		context.put("audit_id", Long.toString(audited.auditSequence()));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("decision", decision.isPermit());
		response.put("context", context);
		return response;
	}

	private static Map<String, Object> errorResult(InvalidRequestException ex) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("status", 400);
		error.put("field", ex.field());
		error.put("message", ex.problem());
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("decision", false);
		response.put("context", Map.of("error", error));
		return response;
	}

}
