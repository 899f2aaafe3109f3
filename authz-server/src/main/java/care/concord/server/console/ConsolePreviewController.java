package care.concord.server.console;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.policy.decision.Decision;
import care.concord.policy.decision.Obligation;
import care.concord.server.audit.AuditActor;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.decision.DecisionQuery;
import care.concord.server.web.ProblemException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The citizen's "what if" question of the console: would a given kind of requester see a
 * category of my records now? {@code POST /api/me/decision-preview} (role
 * {@code citizen}, from the {@code /api/me/**} rule of the consent feature); the subject
 * is always the token's {@code nhs_number}, never the body.
 *
 * <pre>
 * {"org_type": "acute-hospital", "role": "clinician", "category": "medications", "purpose": "emergency-care",
 *  "organisation": null}
 * -&gt; {"decision": "deny", "reason": "directive-deny", "obligations": [], "directive": "...",
 *     "explanation": "Your directive of 26 November 2026 denies medication records to hospitals."}
 * </pre>
 *
 * <p>
 * A thin adapter over {@link ConsentDecisionService#preview(DecisionQuery)}: the decision
 * engine answers, nothing is disclosed and nothing is audited as an access (see
 * docs/uma.md, "Previews"). Without an organisation the requester is "an unnamed
 * organisation" treating the citizen. Bad vocabulary is answered as a
 * {@code validation-failed} problem naming the field.
 */
@RestController
public class ConsolePreviewController {

	private final ConsentDecisionService decisions;

	public ConsolePreviewController(ConsentDecisionService decisions) {
		this.decisions = decisions;
	}

	@PostMapping("/api/me/decision-preview")
	Map<String, Object> preview(@AuthenticationPrincipal Jwt token, @RequestBody PreviewInput input) {
		String nhsNumber = token.getClaimAsString("nhs_number");
		if (nhsNumber == null) {
			throw new ProblemException(care.concord.server.web.ErrorCatalogue.FORBIDDEN,
					"the token names no citizen (no nhs_number claim)");
		}
		String organisation = (input.organisation() == null || input.organisation().isBlank()) ? null
				: input.organisation().trim();
		DecisionQuery query = DecisionQuery.builder()
			.actor(AuditActor.user(token.getSubject()))
			.requester(organisation, input.orgType(), input.role())
			.subject(nhsNumber)
			.category(input.category())
			.purpose(input.purpose())
			.build();
		Decision decision = this.decisions.preview(query);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("decision", decision.isPermit() ? "permit" : "deny");
		answer.put("reason", decision.reason().code());
		answer.put("obligations", decision.obligations().stream().map(Obligation::code).sorted().toList());
		if (decision.decidingDirectiveId() != null) {
			answer.put("directive", decision.decidingDirectiveId());
		}
		answer.put("explanation", readable(decision.explanation()));
		return answer;
	}

	/**
	 * The engine names the preview's stand-in organisations by their placeholder codes
	 * ({@code AuditedConsentDecisionService.UNNAMED_REQUESTER} / {@code UNNAMED_HOLDER});
	 * a citizen reads "an organisation" instead of "organisation unnamed-requester".
	 */
	public static String readable(String explanation) {
		if (explanation == null) {
			return null;
		}
		return explanation.replace("Organisation unnamed-requester", "An organisation")
			.replace("organisation unnamed-requester", "an organisation")
			.replace("Organisation unnamed-holder", "The organisation holding them")
			.replace("organisation unnamed-holder", "the organisation holding them")
			.replace("unnamed-requester", "an organisation")
			.replace("unnamed-holder", "the organisation holding them");
	}

	/**
	 * The hypothetical request.
	 *
	 * @param orgType the requester's organisation type code
	 * @param role the practitioner's role token
	 * @param category the data category code
	 * @param purpose the purpose-of-use code
	 * @param organisation an organisation code, or null for "an unnamed organisation"
	 */
	public record PreviewInput(@JsonProperty("org_type") String orgType, String role, String category, String purpose,
			String organisation) {
	}

}
