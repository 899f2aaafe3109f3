package care.concord.server.decision;

import java.time.Clock;
import java.time.Instant;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;
import care.concord.policy.decision.Decision;
import care.concord.policy.decision.DecisionEngine;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditRecord;
import care.concord.server.relationship.CareRelationships;

import org.springframework.util.Assert;

/**
 * The {@link ConsentDecisionService}: validation, current consent, care relationship, the
 * consent decision engine and the audit log, in that order, failing closed when the audit
 * record cannot be written.
 *
 * <p>
 * Previews are not audited: they disclose nothing about the citizen's record (only how
 * the citizen's own consent applies to a hypothetical request), and an audit record would
 * show up in the citizen's "who accessed my record" report as an access that never
 * happened.
 */
public final class AuditedConsentDecisionService implements ConsentDecisionService {

	/** Organisation code standing for "an unnamed requester" in previews. */
	static final String UNNAMED_REQUESTER = "unnamed-requester";

	/** Organisation code standing for "an unnamed holder" in previews. */
	static final String UNNAMED_HOLDER = "unnamed-holder";

	private final DecisionEngine engine;

	private final CitizenConsentSource consent;

	private final CareRelationships relationships;

	private final AuditLog auditLog;

	private final Clock clock;

	public AuditedConsentDecisionService(DecisionEngine engine, CitizenConsentSource consent,
			CareRelationships relationships, AuditLog auditLog, Clock clock) {
		Assert.notNull(engine, "engine cannot be null");
		Assert.notNull(consent, "consent cannot be null");
		Assert.notNull(relationships, "relationships cannot be null");
		Assert.notNull(auditLog, "auditLog cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.engine = engine;
		this.consent = consent;
		this.relationships = relationships;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Override
	public AuditedDecision decide(DecisionQuery query) {
		Assert.notNull(query, "query cannot be null");
		Decision decision;
		try {
			AccessRequest request = request(query, query.getOrganisation(), query.getHolder(), null);
			decision = this.engine.decide(currentConsent(request.subject()), request);
		}
		catch (InvalidRequestException ex) {
			auditInvalid(query, ex);
			throw ex;
		}
		AuditEvent event = AuditEvent.decision(query.getActor(), decision)
			.toBuilder()
			.requestId(query.getRequestId())
			.correlationId(query.getCorrelationId())
			.detail("relationship", Boolean.toString(decision.request().relationship()))
			.build();
		event = withDetails(event, query);
		return new AuditedDecision(decision, append(event).sequence());
	}

	@Override
	public Decision preview(DecisionQuery query) {
		Assert.notNull(query, "query cannot be null");
		boolean unnamed = query.getOrganisation() == null;
		String organisation = unnamed ? UNNAMED_REQUESTER : query.getOrganisation();
		String holder = (query.getHolder() != null) ? query.getHolder() : UNNAMED_HOLDER;
		Boolean assumed = (unnamed && query.getRelationship() == null) ? Boolean.TRUE : null;
		AccessRequest request = request(query, organisation, holder, assumed);
		return this.engine.decide(currentConsent(request.subject()), request);
	}

	@Override
	public InvalidRequestException invalid(DecisionQuery query, InvalidRequestException error) {
		Assert.notNull(query, "query cannot be null");
		Assert.notNull(error, "error cannot be null");
		auditInvalid(query, error);
		return error;
	}

	private Citizen currentConsent(NhsNumber subject) {
		Citizen citizen = this.consent.currentConsent(subject);
		// A source answering null would be a bug in it; deciding without the citizen's
		// directives could permit
		// what a directive denies, so refuse rather than assume "no directives".
		Assert.state(citizen != null, "the consent source answered no citizen");
		return citizen;
	}

	/**
	 * Validates the query into a request; the relationship is the query's, else
	 * {@code assumed}, else looked up (once the requester and subject are known to be
	 * valid).
	 */
	private AccessRequest request(DecisionQuery query, String organisation, String holder, Boolean assumed) {
		Instant at = (query.getAt() != null) ? query.getAt() : this.clock.instant();
		Boolean stated = (query.getRelationship() != null) ? query.getRelationship() : assumed;
		AccessRequest request = AccessRequest.builder()
			.requester(organisation, query.getOrgType(), query.getRole())
			.subject(query.getSubject())
			.holder(holder)
			.category(query.getCategory())
			.purpose(query.getPurpose())
			.relationship((stated != null) ? stated : Boolean.FALSE)
			.at(at)
			.breakGlassReason(query.getBreakGlassReason())
			.build();
		if (stated != null) {
			return request;
		}
		boolean related = this.relationships.exists(request.requester().organisation(), request.subject());
		return new AccessRequest(request.requester(), request.subject(), request.holder(), request.category(),
				request.purpose(), related, request.at(), request.breakGlassReason());
	}

	private void auditInvalid(DecisionQuery query, InvalidRequestException ex) {
		AuditEvent.Builder event = AuditEvent.builder(AuditEventType.INVALID_REQUEST, query.getActor())
			.error("invalid-request")
			.explanation("The request was not decided because it is invalid: " + ex.getMessage())
			.requestId(query.getRequestId())
			.correlationId(query.getCorrelationId())
			.detail("field", (ex.field().length() > 128) ? ex.field().substring(0, 128) : ex.field());
		// Only values that are valid are copied to their columns; the message names the
		// one at fault.
		NhsNumber subject = parsedOrNull(query.getSubject());
		event.subject(subject)
			.holder(code(query.getHolder()))
			.category(code(query.getCategory()))
			.purpose(code(query.getPurpose()))
			.role(code(query.getRole()));
		query.getDetails().forEach(event::detail);
		append(event.build());
	}

	private AuditRecord append(AuditEvent event) {
		try {
			AuditRecord record = this.auditLog.append(event);
			if (record == null) {
				throw new IllegalStateException("the audit log returned no record");
			}
			return record;
		}
		catch (RuntimeException ex) {
			throw new DecisionNotAuditedException("the decision could not be audited, so it is refused", ex);
		}
	}

	private static AuditEvent withDetails(AuditEvent event, DecisionQuery query) {
		if (query.getDetails().isEmpty()) {
			return event;
		}
		AuditEvent.Builder builder = event.toBuilder();
		query.getDetails().forEach(builder::detail);
		return builder.build();
	}

	private static NhsNumber parsedOrNull(String subject) {
		if (subject == null) {
			return null;
		}
		try {
			return NhsNumber.parse(subject);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * A short code-like value for an audit column, or null when it is not one (the
	 * message carries it).
	 */
	private static String code(String value) {
		if (value == null || value.length() > 64) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
				return null;
			}
		}
		return value;
	}

}
