package care.concord.server.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.decision.Audience;
import care.concord.policy.decision.Decision;
import care.concord.policy.decision.Obligation;
import care.concord.policy.request.AccessRequest;
import org.slf4j.MDC;

/**
 * Something that happened and must be audited, before the log gives it a sequence number,
 * time and hash: what {@link AuditLog#append(AuditEvent)} takes. Build one with
 * {@link #builder(AuditEventType, AuditActor)}, or for a consent decision in one call
 * with {@link #decision(AuditActor, Decision)}.
 *
 * <p>
 * Codes (category, purpose, role, reason, obligations) are the spec's strings, e.g.
 * {@code mental-health}, {@code direct-care}, {@code directive-deny}. Identifiers and
 * codes that are too long are a caller error ({@link IllegalArgumentException}); the
 * explanation, being prose the server writes, is cut to {@value #MAX_EXPLANATION}
 * characters instead.
 *
 * @param type what kind of event this is
 * @param actor who acted
 * @param subject the NHS number of the person whose data or consent is concerned, or null
 * @param holder the organisation code of the agency holding the data, or null
 * @param category the data category code, or null
 * @param purpose the purpose-of-use code, or null
 * @param role the requesting practitioner's role, or null
 * @param outcome permit, deny or error; null for events that are not an outcome (e.g. a
 * review note)
 * @param reasonCode the spec reason code ({@code directive-deny}) or an error code
 * ({@code invalid-request})
 * @param obligations obligation codes, sorted and without duplicates
 * @param breakGlass true when the practitioner invoked break glass, whatever the outcome
 * @param breakGlassReason the text the practitioner gave (may be blank), only when
 * {@code breakGlass}
 * @param directiveId the deciding directive for {@code directive-*} reasons, or the
 * directive changed
 * @param explanation a plain-English sentence saying what happened and why
 * @param requestId the id of the HTTP request that caused the event
 * @param correlationId the id joining events of one flow across requests (e.g. a UMA
 * permission ticket)
 * @param details a few further facts as string pairs, sorted by key; stored as a small
 * JSON object
 */
public record AuditEvent(AuditEventType type, AuditActor actor, NhsNumber subject, String holder, String category,
		String purpose, String role, AuditOutcome outcome, String reasonCode, List<String> obligations,
		boolean breakGlass, String breakGlassReason, String directiveId, String explanation, String requestId,
		String correlationId, Map<String, String> details) {

	/**
	 * The details key of a decision's explanation in the citizen's words (the record's
	 * own is third person).
	 */
	public static final String CITIZEN_EXPLANATION = "citizen_explanation";

	/**
	 * Longest citizen's explanation kept in the details (which hold at most
	 * {@value #MAX_DETAILS_JSON}).
	 */
	private static final int MAX_CITIZEN_EXPLANATION = 1500;

	/**
	 * The MDC key the id of the request being served is kept under
	 * ({@code web.RequestIdFilter}).
	 */
	public static final String REQUEST_ID_MDC_KEY = "request_id";

	/** Longest explanation kept; longer ones are cut. */
	public static final int MAX_EXPLANATION = 2000;

	/** Longest break-glass reason accepted (the policy module accepts at most 1000). */
	public static final int MAX_BREAK_GLASS_REASON = 2000;

	/** Longest details JSON accepted: details are for a few facts, not documents. */
	public static final int MAX_DETAILS_JSON = 4000;

	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._:-]*");

	public AuditEvent {
		if (type == null) {
			throw new IllegalArgumentException("type is required");
		}
		if (actor == null) {
			throw new IllegalArgumentException("actor is required");
		}
		holder = AuditText.identifier("holder", holder, 64);
		category = AuditText.identifier("category", category, 64);
		purpose = AuditText.identifier("purpose", purpose, 64);
		role = AuditText.identifier("role", role, 64);
		reasonCode = AuditText.identifier("reasonCode", reasonCode, 80);
		obligations = obligations(obligations);
		if (!breakGlass && breakGlassReason != null) {
			throw new IllegalArgumentException("breakGlassReason given without breakGlass");
		}
		breakGlassReason = AuditText.text("breakGlassReason", breakGlassReason, MAX_BREAK_GLASS_REASON);
		directiveId = AuditText.identifier("directiveId", directiveId, 128);
		explanation = AuditText.truncated(explanation, MAX_EXPLANATION);
		requestId = AuditText.identifier("requestId", requestId, 128);
		correlationId = AuditText.identifier("correlationId", correlationId, 128);
		details = details(details);
	}

	/** A builder for an event of the given type by the given actor. */
	public static Builder builder(AuditEventType type, AuditActor actor) {
		return new Builder(type, actor);
	}

	/**
	 * The {@link AuditEventType#DECISION} event for a consent decision: the request's
	 * subject, holder, category, purpose, role and break glass, and the decision's
	 * effect, reason, obligations, deciding directive and explanation. Add request and
	 * correlation ids with {@link #toBuilder()} when known.
	 */
	public static AuditEvent decision(AuditActor actor, Decision decision) {
		return builder(AuditEventType.DECISION, actor).request(decision.request()).decision(decision).build();
	}

	/** A builder holding this event's values, to derive a changed copy. */
	public Builder toBuilder() {
		Builder builder = new Builder(this.type, this.actor);
		builder.subject = this.subject;
		builder.holder = this.holder;
		builder.category = this.category;
		builder.purpose = this.purpose;
		builder.role = this.role;
		builder.outcome = this.outcome;
		builder.reasonCode = this.reasonCode;
		builder.obligations.addAll(this.obligations);
		builder.breakGlass = this.breakGlass;
		builder.breakGlassReason = this.breakGlassReason;
		builder.directiveId = this.directiveId;
		builder.explanation = this.explanation;
		builder.requestId = this.requestId;
		builder.correlationId = this.correlationId;
		builder.details.putAll(this.details);
		return builder;
	}

	private static List<String> obligations(List<String> obligations) {
		if (obligations == null || obligations.isEmpty()) {
			return List.of();
		}
		TreeSet<String> sorted = new TreeSet<>();
		for (String obligation : obligations) {
			// codes are joined with commas in storage, so a code must not contain one
			if (obligation == null || !CODE.matcher(obligation).matches() || obligation.length() > 64) {
				throw new IllegalArgumentException("obligation '" + obligation + "' is not a code");
			}
			sorted.add(obligation);
		}
		return List.copyOf(sorted);
	}

	private static Map<String, String> details(Map<String, String> details) {
		if (details == null || details.isEmpty()) {
			return Map.of();
		}
		TreeMap<String, String> sorted = new TreeMap<>();
		details.forEach((key, value) -> {
			String k = AuditText.identifier("details key", key, 64);
			if (k == null) {
				throw new IllegalArgumentException("details key must not be blank");
			}
			sorted.put(k, AuditText.text("details." + k, value, MAX_DETAILS_JSON));
		});
		return Collections.unmodifiableMap(sorted);
	}

	/**
	 * Builds an {@link AuditEvent}; every setter accepts null for "unknown", and
	 * {@link #build()} checks the values.
	 */
	public static final class Builder {

		private final AuditEventType type;

		private final AuditActor actor;

		private NhsNumber subject;

		private String holder;

		private String category;

		private String purpose;

		private String role;

		private AuditOutcome outcome;

		private String reasonCode;

		private final List<String> obligations = new ArrayList<>();

		private boolean breakGlass;

		private String breakGlassReason;

		private String directiveId;

		private String explanation;

		private String requestId;

		private String correlationId;

		private final Map<String, String> details = new LinkedHashMap<>();

		private Builder(AuditEventType type, AuditActor actor) {
			this.type = type;
			this.actor = actor;
		}

		/** The person whose data or consent is concerned. */
		public Builder subject(NhsNumber subject) {
			this.subject = subject;
			return this;
		}

		/** The organisation code of the agency holding the data. */
		public Builder holder(String holder) {
			this.holder = holder;
			return this;
		}

		/** The data category code, e.g. {@code mental-health}. */
		public Builder category(String category) {
			this.category = category;
			return this;
		}

		/** The purpose-of-use code, e.g. {@code direct-care}. */
		public Builder purpose(String purpose) {
			this.purpose = purpose;
			return this;
		}

		/** The requesting practitioner's role, e.g. {@code clinician}. */
		public Builder role(String role) {
			this.role = role;
			return this;
		}

		/** The outcome and its reason code. */
		public Builder outcome(AuditOutcome outcome, String reasonCode) {
			this.outcome = outcome;
			this.reasonCode = reasonCode;
			return this;
		}

		/** Shorthand for {@code outcome(PERMIT, reasonCode)}. */
		public Builder permit(String reasonCode) {
			return outcome(AuditOutcome.PERMIT, reasonCode);
		}

		/** Shorthand for {@code outcome(DENY, reasonCode)}. */
		public Builder deny(String reasonCode) {
			return outcome(AuditOutcome.DENY, reasonCode);
		}

		/**
		 * Shorthand for {@code outcome(ERROR, errorCode)}, for a request that was not
		 * decided.
		 */
		public Builder error(String errorCode) {
			return outcome(AuditOutcome.ERROR, errorCode);
		}

		/** Adds obligation codes. */
		public Builder obligations(Collection<String> obligations) {
			this.obligations.addAll(obligations);
			return this;
		}

		/**
		 * Marks break glass invoked with the practitioner's reason (which may be blank).
		 */
		public Builder breakGlass(String reason) {
			this.breakGlass = true;
			this.breakGlassReason = reason;
			return this;
		}

		/** The deciding (or changed) directive's id. */
		public Builder directive(String directiveId) {
			this.directiveId = directiveId;
			return this;
		}

		/** A plain-English sentence saying what happened and why. */
		public Builder explanation(String explanation) {
			this.explanation = explanation;
			return this;
		}

		/** The id of the HTTP request that caused the event. */
		public Builder requestId(String requestId) {
			this.requestId = requestId;
			return this;
		}

		/** The id joining the events of one flow. */
		public Builder correlationId(String correlationId) {
			this.correlationId = correlationId;
			return this;
		}

		/** Adds one further fact; a null value is kept as JSON null. */
		public Builder detail(String key, String value) {
			this.details.put(key, value);
			return this;
		}

		/**
		 * The request's subject, holder, category, purpose, requester role and break
		 * glass (the requester's organisation belongs in the {@link AuditActor}).
		 */
		public Builder request(AccessRequest request) {
			this.subject = request.subject();
			this.holder = request.holder();
			this.category = request.category().code();
			this.purpose = request.purpose().code();
			this.role = request.requester().role();
			this.breakGlass = request.isBreakGlass();
			this.breakGlassReason = request.breakGlassReason();
			return this;
		}

		/**
		 * The decision's effect, reason, obligations, deciding directive and explanation.
		 */
		public Builder decision(Decision decision) {
			this.outcome = decision.isPermit() ? AuditOutcome.PERMIT : AuditOutcome.DENY;
			this.reasonCode = decision.reason().code();
			this.obligations.clear();
			for (Obligation obligation : decision.obligations()) {
				this.obligations.add(obligation.code());
			}
			this.directiveId = decision.decidingDirectiveId();
			// the record's explanation is for IG officers (third person); the citizen's
			// own wording is kept
			// beside it for their access history
			this.explanation = decision.explanation(Audience.OTHERS);
			String citizen = decision.explanation(Audience.CITIZEN);
			detail(CITIZEN_EXPLANATION, (citizen.length() > MAX_CITIZEN_EXPLANATION)
					? citizen.substring(0, MAX_CITIZEN_EXPLANATION) + "..." : citizen);
			return this;
		}

		/**
		 * The event.
		 * @throws IllegalArgumentException naming the first value that cannot be audited
		 * as given
		 */
		public AuditEvent build() {
			// without an explicit one, the id of the request being served (put in the
			// logging MDC at the edge)
			String request = (this.requestId != null) ? this.requestId : MDC.get(REQUEST_ID_MDC_KEY);
			return new AuditEvent(this.type, this.actor, this.subject, this.holder, this.category, this.purpose,
					this.role, this.outcome, this.reasonCode, this.obligations, this.breakGlass, this.breakGlassReason,
					this.directiveId, this.explanation, request, this.correlationId, this.details);
		}

	}

}
