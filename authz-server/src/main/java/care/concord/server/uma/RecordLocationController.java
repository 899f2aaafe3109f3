package care.concord.server.uma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.Category;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.decision.AuditedDecision;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.decision.DecisionNotAuditedException;
import care.concord.server.decision.DecisionQuery;
import care.concord.server.relationship.CallingAgency;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Record location: which other organisations hold registered resources about a citizen,
 * for an agency with scope {@code record_location}.
 *
 * <pre>
 * GET /uma/record-location?subject=9434765919&amp;purpose=direct-care&amp;role=clinician
 * (or headers X-Purpose-Of-Use, X-Practitioner-Role; optional X-Practitioner-Id)
 * -&gt; {"subject": "9434765919",
 *     "locations": [{"organisation": "RR8", "org_type": "acute-hospital", "categories": ["medications"]}]}
 * </pre>
 *
 * Each candidate holder is decided by the {@link ConsentDecisionService} with category
 * {@code record-location} (and audited); only permitted holders are listed. A query about
 * a citizen of whom no resource is registered has nothing to decide and is audited as
 * such ({@code REFUSED}, {@code no-record-locations}). Errors are RFC 9457 problems.
 */
@RestController
public class RecordLocationController {

	private final ResourceSetRepository resources;

	private final ConsentDecisionService decisions;

	private final AuditLog auditLog;

	public RecordLocationController(ResourceSetRepository resources, ConsentDecisionService decisions,
			AuditLog auditLog) {
		this.resources = resources;
		this.decisions = decisions;
		this.auditLog = auditLog;
	}

	@GetMapping("/uma/record-location")
	Map<String, Object> locate(@RequestParam(name = "subject", required = false) String subject,
			@RequestParam(name = "purpose", required = false) String purposeParameter,
			@RequestParam(name = "role", required = false) String roleParameter, Authentication authentication,
			HttpServletRequest request) {
		CallingAgency caller = CallingAgency.from(authentication);
		String purpose = ClaimTokenVerifier
			.purpose((purposeParameter != null) ? purposeParameter : request.getHeader("X-Purpose-Of-Use"));
		String role = (roleParameter != null) ? roleParameter : request.getHeader("X-Practitioner-Role");
		String practitionerId = request.getHeader("X-Practitioner-Id");
		DecisionQuery.Builder base = DecisionQuery.builder()
			.actor(caller.actor(practitionerId))
			.requester(caller.orgCode(), caller.orgType(), role)
			.subject(subject)
			.category(Category.RECORD_LOCATION.code())
			.purpose(purpose)
			.requestId(CallingAgency.requestId(request))
			.detail("via", "record-location");
		NhsNumber nhsNumber = parse(subject, base);
		Map<String, List<ResourceSet>> byHolder = new TreeMap<>();
		for (ResourceSet resource : this.resources.findBySubject(nhsNumber)) {
			byHolder.computeIfAbsent(resource.holder(), (holder) -> new ArrayList<>()).add(resource);
		}
		if (byHolder.isEmpty()) {
			noCandidates(base.holder(caller.orgCode()).build(), nhsNumber);
		}
		List<Map<String, Object>> locations = new ArrayList<>();
		for (Map.Entry<String, List<ResourceSet>> entry : byHolder.entrySet()) {
			AuditedDecision decision = decide(base.holder(entry.getKey()).build());
			if (!decision.isPermit()) {
				continue;
			}
			TreeSet<String> categories = new TreeSet<>();
			entry.getValue().forEach((resource) -> categories.add(resource.category().code()));
			Map<String, Object> location = new LinkedHashMap<>();
			location.put("organisation", entry.getKey());
			location.put("org_type", entry.getValue().get(0).holderOrgType());
			location.put("categories", new ArrayList<>(categories));
			locations.add(location);
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("subject", nhsNumber.value());
		response.put("locations", locations);
		return response;
	}

	private NhsNumber parse(String subject, DecisionQuery.Builder base) {
		try {
			if (subject == null) {
				throw new InvalidRequestException("subject", "the subject's NHS number is missing");
			}
			return NhsNumber.parse(subject);
		}
		catch (InvalidRequestException ex) {
			throw this.decisions.invalid(base.build(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw this.decisions.invalid(base.build(), new InvalidRequestException("subject", ex.getMessage()));
		}
	}

	private AuditedDecision decide(DecisionQuery query) {
		// DecisionNotAuditedException: 503 with Retry-After (ProblemDetailsAdvice)
		return this.decisions.decide(query);
	}

	/**
	 * No resource is registered about the subject, so no holder can be decided. The query
	 * is still validated (an invalid purpose or role is an error, audited by the service)
	 * and recorded.
	 */
	private void noCandidates(DecisionQuery query, NhsNumber subject) {
		// Deciding against the caller itself validates the purpose and role without
		// disclosing anything; the
		// decision is not recorded as an access (preview), the lookup is, below.
		try {
			this.decisions.preview(query);
		}
		catch (InvalidRequestException ex) {
			throw this.decisions.invalid(query, ex);
		}
		try {
			this.auditLog.append(AuditEvent.builder(AuditEventType.REFUSED, query.getActor())
				.subject(subject)
				.category(Category.RECORD_LOCATION.code())
				.purpose(query.getPurpose())
				.role(query.getRole())
				.error("no-record-locations")
				.explanation(query.getOrganisation()
						+ " looked for organisations holding records about the citizen; none are registered.")
				.requestId(query.getRequestId())
				.detail("via", "record-location")
				.build());
		}
		catch (RuntimeException ex) {
			throw new DecisionNotAuditedException("the record-location query could not be audited, so it was refused",
					ex);
		}
	}

}
