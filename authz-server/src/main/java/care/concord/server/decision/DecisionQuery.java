package care.concord.server.decision;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import care.concord.server.audit.AuditActor;

import org.springframework.util.Assert;

/**
 * A question put to the {@link ConsentDecisionService}: the raw, not yet validated fields
 * of a consent request (consent-decisions.md "Inputs") as an adapter (UMA grant, AuthZEN
 * API, record location, citizen console) received them, plus who asks (for the audit
 * record) and the ids that join the audit record to its HTTP request and flow.
 *
 * <p>
 * Only the actor is checked here; every consent field is validated by the service, so
 * that an invalid request is audited as an error before it is refused.
 * {@code relationship} may be left null: the service then works it out with
 * {@link care.concord.server.relationship.CareRelationships}. {@code at} may be left null
 * for "now" by the server's clock.
 */
public final class DecisionQuery {

	private final AuditActor actor;

	private final String organisation;

	private final String orgType;

	private final String role;

	private final String subject;

	private final String holder;

	private final String category;

	private final String purpose;

	private final Boolean relationship;

	private final Instant at;

	private final String breakGlassReason;

	private final String requestId;

	private final String correlationId;

	private final Map<String, String> details;

	private DecisionQuery(Builder builder) {
		this.actor = builder.actor;
		this.organisation = builder.organisation;
		this.orgType = builder.orgType;
		this.role = builder.role;
		this.subject = builder.subject;
		this.holder = builder.holder;
		this.category = builder.category;
		this.purpose = builder.purpose;
		this.relationship = builder.relationship;
		this.at = builder.at;
		this.breakGlassReason = builder.breakGlassReason;
		this.requestId = builder.requestId;
		this.correlationId = builder.correlationId;
		this.details = Collections.unmodifiableMap(new LinkedHashMap<>(builder.details));
	}

	/** A builder; {@link Builder#actor(AuditActor)} is required. */
	public static Builder builder() {
		return new Builder();
	}

	/** A builder holding this query's values. */
	public Builder toBuilder() {
		Builder builder = new Builder().actor(this.actor)
			.requester(this.organisation, this.orgType, this.role)
			.subject(this.subject)
			.holder(this.holder)
			.category(this.category)
			.purpose(this.purpose)
			.relationship(this.relationship)
			.at(this.at)
			.breakGlassReason(this.breakGlassReason)
			.requestId(this.requestId)
			.correlationId(this.correlationId);
		builder.details.putAll(this.details);
		return builder;
	}

	/** Who asks, as the audit record states it. */
	public AuditActor getActor() {
		return this.actor;
	}

	/** The requesting organisation's code, raw. */
	public String getOrganisation() {
		return this.organisation;
	}

	/** The requesting organisation's type code, raw. */
	public String getOrgType() {
		return this.orgType;
	}

	/** The practitioner's role token, raw. */
	public String getRole() {
		return this.role;
	}

	/** The subject's NHS number, raw. */
	public String getSubject() {
		return this.subject;
	}

	/** The holder's organisation code, raw. */
	public String getHolder() {
		return this.holder;
	}

	/** The data category code, raw. */
	public String getCategory() {
		return this.category;
	}

	/** The purpose code, raw. */
	public String getPurpose() {
		return this.purpose;
	}

	/**
	 * The care relationship when the caller knows it, or null to have the service work it
	 * out.
	 */
	public Boolean getRelationship() {
		return this.relationship;
	}

	/** The instant of the request, or null for the server's "now". */
	public Instant getAt() {
		return this.at;
	}

	/** Null, or the practitioner's break-glass reason (possibly blank). */
	public String getBreakGlassReason() {
		return this.breakGlassReason;
	}

	/** The HTTP request id, or null. */
	public String getRequestId() {
		return this.requestId;
	}

	/**
	 * The id joining the events of one flow (e.g. the UMA permission ticket's id), or
	 * null.
	 */
	public String getCorrelationId() {
		return this.correlationId;
	}

	/** Further facts for the audit record (unmodifiable). */
	public Map<String, String> getDetails() {
		return this.details;
	}

	/** Builds a {@link DecisionQuery}. */
	public static final class Builder {

		private AuditActor actor;

		private String organisation;

		private String orgType;

		private String role;

		private String subject;

		private String holder;

		private String category;

		private String purpose;

		private Boolean relationship;

		private Instant at;

		private String breakGlassReason;

		private String requestId;

		private String correlationId;

		private final Map<String, String> details = new LinkedHashMap<>();

		private Builder() {
		}

		public Builder actor(AuditActor actor) {
			this.actor = actor;
			return this;
		}

		/** The requester: organisation code, organisation type code, role token. */
		public Builder requester(String organisation, String orgType, String role) {
			this.organisation = organisation;
			this.orgType = orgType;
			this.role = role;
			return this;
		}

		public Builder organisation(String organisation) {
			this.organisation = organisation;
			return this;
		}

		public Builder orgType(String orgType) {
			this.orgType = orgType;
			return this;
		}

		public Builder role(String role) {
			this.role = role;
			return this;
		}

		public Builder subject(String subject) {
			this.subject = subject;
			return this;
		}

		public Builder holder(String holder) {
			this.holder = holder;
			return this;
		}

		public Builder category(String category) {
			this.category = category;
			return this;
		}

		public Builder purpose(String purpose) {
			this.purpose = purpose;
			return this;
		}

		/** The relationship if known, or null to have the service work it out. */
		public Builder relationship(Boolean relationship) {
			this.relationship = relationship;
			return this;
		}

		public Builder at(Instant at) {
			this.at = at;
			return this;
		}

		public Builder breakGlassReason(String breakGlassReason) {
			this.breakGlassReason = breakGlassReason;
			return this;
		}

		public Builder requestId(String requestId) {
			this.requestId = requestId;
			return this;
		}

		public Builder correlationId(String correlationId) {
			this.correlationId = correlationId;
			return this;
		}

		/** Adds a fact to the audit record's details. */
		public Builder detail(String key, String value) {
			this.details.put(key, value);
			return this;
		}

		/**
		 * Builds the query.
		 * @throws IllegalArgumentException when the actor is missing
		 */
		public DecisionQuery build() {
			Assert.notNull(this.actor, "actor cannot be null");
			return new DecisionQuery(this);
		}

	}

}
