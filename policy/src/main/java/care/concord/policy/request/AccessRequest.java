package care.concord.policy.request;

import java.time.Instant;

import care.concord.identity.nhs.NhsNumber;

/**
 * A request to access one category of a citizen's data, as defined in
 * consent-decisions.md "Inputs": who asks ({@link Requester}), about whom
 * ({@code subject}), from which holder, which category, for which purpose, whether a
 * legitimate care relationship is known, when, and the break-glass reason if the
 * practitioner gave one.
 *
 * <p>
 * Instances are always valid: the constructor refuses missing fields. Build one from raw
 * wire strings with {@link #builder()}, which names the field at fault in every
 * {@link InvalidRequestException}. That the subject is the citizen whose directives are
 * applied is checked when deciding, since only then is the citizen known.
 *
 * @param requester who asks
 * @param subject the citizen's NHS number
 * @param holder organisation code of the organisation that holds the data
 * @param category the data category
 * @param purpose the purpose of use
 * @param relationship true when the service knows a legitimate care relationship between
 * requester and subject
 * @param at the instant of the request, against which directive periods are checked
 * @param breakGlassReason null, or the text the practitioner gave when breaking glass
 * (may be blank: layer 3 then denies it)
 */
public record AccessRequest(Requester requester, NhsNumber subject, String holder, Category category, Purpose purpose,
		boolean relationship, Instant at, String breakGlassReason) {

	/** Longest break-glass reason kept; the reason is audited, not interpreted. */
	public static final int MAX_BREAK_GLASS_REASON_LENGTH = 1000;

	public AccessRequest {
		Codes.required("request.requester", requester);
		Codes.required("request.subject", subject);
		Codes.organisation("request.holder", holder);
		Codes.required("request.category", category);
		Codes.required("request.purpose", purpose);
		Codes.required("request.at", at);
		if (breakGlassReason != null && breakGlassReason.length() > MAX_BREAK_GLASS_REASON_LENGTH) {
			throw new InvalidRequestException("request.break_glass_reason",
					"reason is longer than " + MAX_BREAK_GLASS_REASON_LENGTH + " characters");
		}
	}

	/**
	 * True when the practitioner invoked break glass (spec layer 3), whatever text they
	 * gave.
	 */
	public boolean isBreakGlass() {
		return this.breakGlassReason != null;
	}

	/** A builder taking the raw strings of the wire form; see {@link Builder}. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds an {@link AccessRequest} from raw strings, as an HTTP adapter receives them.
	 * Nothing is checked until {@link #build()}, which checks fields in the order of the
	 * case-file form and throws an {@link InvalidRequestException} naming the first field
	 * at fault ({@code request.category: unknown data
	 * category 'x'}). Typed setters exist for values the caller already holds.
	 */
	public static final class Builder {

		private String organisation;

		private String orgType;

		private String role;

		private String subject;

		private String holder;

		private String category;

		private String purpose;

		private String relationship;

		private String at;

		private Instant atInstant;

		private String breakGlassReason;

		private Builder() {
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

		/** Shorthand for the three requester fields. */
		public Builder requester(String organisation, String orgType, String role) {
			return organisation(organisation).orgType(orgType).role(role);
		}

		/** The subject's NHS number: ten digits, or 3-3-4 with spaces or dashes. */
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

		public Builder relationship(boolean relationship) {
			this.relationship = Boolean.toString(relationship);
			return this;
		}

		/** The relationship flag as text: exactly {@code true} or {@code false}. */
		public Builder relationship(String relationship) {
			this.relationship = relationship;
			return this;
		}

		/** The request instant in ISO-8601 form, e.g. {@code 2026-11-25T10:00:00Z}. */
		public Builder at(String at) {
			this.at = at;
			this.atInstant = null;
			return this;
		}

		public Builder at(Instant at) {
			this.atInstant = at;
			this.at = null;
			return this;
		}

		/**
		 * Null when glass is not broken; otherwise the practitioner's reason (blank is
		 * kept, layer 3 denies it).
		 */
		public Builder breakGlassReason(String breakGlassReason) {
			this.breakGlassReason = breakGlassReason;
			return this;
		}

		/**
		 * Validates every field and builds the request.
		 * @throws InvalidRequestException naming the first invalid or missing field
		 */
		public AccessRequest build() {
			Requester requester = Requester.parse(this.organisation, this.orgType, this.role);
			NhsNumber subjectNumber = Codes.nhsNumber("request.subject", this.subject);
			Codes.organisation("request.holder", this.holder);
			Category parsedCategory;
			Purpose parsedPurpose;
			try {
				parsedCategory = Category.fromCode(this.category);
				parsedPurpose = Purpose.fromCode(this.purpose);
			}
			catch (InvalidRequestException ex) {
				throw ex.prefixed("request.");
			}
			boolean related = Codes.bool("request.relationship", this.relationship);
			Instant instant = (this.atInstant != null) ? this.atInstant : Codes.instant("request.at", this.at);
			return new AccessRequest(requester, subjectNumber, this.holder, parsedCategory, parsedPurpose, related,
					instant, this.breakGlassReason);
		}

	}

}
