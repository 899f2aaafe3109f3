package care.concord.policy.citizen;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import care.concord.policy.decision.Effect;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Category;
import care.concord.policy.request.Codes;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;
import care.concord.policy.request.Requester;

/**
 * A citizen's consent directive: permit or deny access to some scope of their data, as
 * defined in consent-decisions.md "Inputs" and applied by layer 4 of the decision
 * procedure.
 *
 * <p>
 * Each scope list ({@code organisations}, {@code org_types}, {@code roles},
 * {@code categories}, {@code purposes}) restricts the directive when non-empty; an empty
 * list means "any". The directive matches a request when it is
 * {@link DirectiveStatus#ACTIVE active}, the request instant lies in {@code [start, end)}
 * and every non-empty list contains the request's value. {@link #createdAt()} is not part
 * of the spec: it only dates the directive in explanations ("Your directive of 3 March
 * 2026 ...").
 *
 * <p>
 * Immutable. The enum scopes are also held as bit masks and the text scopes as arrays,
 * worked out once here, so that matching on the decision hot path is a handful of
 * comparisons and allocates nothing.
 */
public final class Directive {

	private final String id;

	private final Effect effect;

	private final DirectiveStatus status;

	private final Set<String> organisations;

	private final Set<OrgType> orgTypes;

	private final Set<String> roles;

	private final Set<Category> categories;

	private final Set<Purpose> purposes;

	private final Instant start;

	private final Instant end;

	private final Instant createdAt;

	private final String[] organisationArray;

	private final String[] roleArray;

	private final int orgTypeMask;

	private final int categoryMask;

	private final int purposeMask;

	private final int specificity;

	private Directive(Builder b) {
		this.id = b.id;
		this.effect = b.effect;
		this.status = b.status;
		this.organisations = Collections.unmodifiableSet(new LinkedHashSet<>(b.organisations));
		this.orgTypes = Collections.unmodifiableSet(EnumSet.copyOf(b.orgTypes));
		this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(b.roles));
		this.categories = Collections.unmodifiableSet(EnumSet.copyOf(b.categories));
		this.purposes = Collections.unmodifiableSet(EnumSet.copyOf(b.purposes));
		this.start = b.start;
		this.end = b.end;
		this.createdAt = b.createdAt;
		this.organisationArray = this.organisations.toArray(new String[0]);
		this.roleArray = this.roles.toArray(new String[0]);
		this.orgTypeMask = mask(this.orgTypes);
		this.categoryMask = mask(this.categories);
		this.purposeMask = mask(this.purposes);
		// Spec layer 4: 2 for an organisation list, 1 for each other non-empty scope
		// list.
		this.specificity = (this.organisations.isEmpty() ? 0 : 2) + (this.orgTypes.isEmpty() ? 0 : 1)
				+ (this.roles.isEmpty() ? 0 : 1) + (this.categories.isEmpty() ? 0 : 1)
				+ (this.purposes.isEmpty() ? 0 : 1);
	}

	private static int mask(Set<? extends Enum<?>> values) {
		int mask = 0;
		for (Enum<?> value : values) {
			mask |= 1 << value.ordinal();
		}
		return mask;
	}

	/**
	 * True when this directive matches the request (spec "A directive matches a request
	 * when ..."): active, the request instant in {@code [start, end)}, and every
	 * non-empty scope list containing the request's value.
	 */
	public boolean matches(AccessRequest request) {
		if (this.status != DirectiveStatus.ACTIVE || !isInForceAt(request.at())) {
			return false;
		}
		Requester requester = request.requester();
		return (this.orgTypeMask == 0 || (this.orgTypeMask & (1 << requester.orgType().ordinal())) != 0)
				&& (this.categoryMask == 0 || (this.categoryMask & (1 << request.category().ordinal())) != 0)
				&& (this.purposeMask == 0 || (this.purposeMask & (1 << request.purpose().ordinal())) != 0)
				&& contains(this.organisationArray, requester.organisation())
				&& contains(this.roleArray, requester.role());
	}

	/**
	 * True when {@code at} lies in the validity period: at or after {@code start},
	 * strictly before {@code end}.
	 */
	public boolean isInForceAt(Instant at) {
		return (this.start == null || !at.isBefore(this.start)) && (this.end == null || at.isBefore(this.end));
	}

	/** Empty array means "any", as an empty scope list does. */
	private static boolean contains(String[] values, String value) {
		if (values.length == 0) {
			return true;
		}
		for (String candidate : values) {
			if (candidate.equals(value)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Spec layer 4 specificity: 2 if {@code organisations} is non-empty, plus 1 per other
	 * non-empty scope list.
	 */
	public int specificity() {
		return this.specificity;
	}

	/** The directive's identifier, unique within the citizen's directives. */
	public String id() {
		return this.id;
	}

	public Effect effect() {
		return this.effect;
	}

	public DirectiveStatus status() {
		return this.status;
	}

	/** Organisation codes this directive is limited to; empty for any. */
	public Set<String> organisations() {
		return this.organisations;
	}

	/** Organisation types this directive is limited to; empty for any. */
	public Set<OrgType> orgTypes() {
		return this.orgTypes;
	}

	/** Role tokens this directive is limited to; empty for any. */
	public Set<String> roles() {
		return this.roles;
	}

	/** Data categories this directive is limited to; empty for any. */
	public Set<Category> categories() {
		return this.categories;
	}

	/** Purposes this directive is limited to; empty for any. */
	public Set<Purpose> purposes() {
		return this.purposes;
	}

	/** Start of the validity period (inclusive), or null when open. */
	public Instant start() {
		return this.start;
	}

	/** End of the validity period (exclusive), or null when open. */
	public Instant end() {
		return this.end;
	}

	/**
	 * When the citizen made the directive, or null when not known; used only to date it
	 * in explanations.
	 */
	public Instant createdAt() {
		return this.createdAt;
	}

	/**
	 * A builder for a directive with this one's fields, to derive a variant (e.g.
	 * revoked).
	 */
	public Builder toBuilder() {
		Builder b = builder().id(this.id)
			.effect(this.effect)
			.status(this.status)
			.start(this.start)
			.end(this.end)
			.createdAt(this.createdAt);
		b.organisations.addAll(this.organisations);
		b.orgTypes.addAll(this.orgTypes);
		b.roles.addAll(this.roles);
		b.categories.addAll(this.categories);
		b.purposes.addAll(this.purposes);
		return b;
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof Directive that && this.id.equals(that.id)
				&& this.effect == that.effect && this.status == that.status
				&& this.organisations.equals(that.organisations) && this.orgTypes.equals(that.orgTypes)
				&& this.roles.equals(that.roles) && this.categories.equals(that.categories)
				&& this.purposes.equals(that.purposes) && Objects.equals(this.start, that.start)
				&& Objects.equals(this.end, that.end) && Objects.equals(this.createdAt, that.createdAt));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.effect, this.status, this.organisations, this.orgTypes, this.roles,
				this.categories, this.purposes, this.start, this.end);
	}

	@Override
	public String toString() {
		return "Directive[id=" + this.id + ", effect=" + this.effect + ", status=" + this.status + ", organisations="
				+ this.organisations + ", orgTypes=" + this.orgTypes + ", roles=" + this.roles + ", categories="
				+ this.categories + ", purposes=" + this.purposes + ", start=" + this.start + ", end=" + this.end + "]";
	}

	/**
	 * A builder; {@code status} defaults to {@code active}, every scope list to "any".
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds a {@link Directive}. Setters taking spec codes validate at once and throw an
	 * {@link InvalidRequestException} whose field is relative to the directive
	 * ({@code org_types}, {@code roles}); callers that know the directive's position
	 * prefix it ({@link InvalidRequestException#prefixed}). {@link #build()} checks the
	 * required fields and the period.
	 */
	public static final class Builder {

		private String id;

		private Effect effect;

		private DirectiveStatus status = DirectiveStatus.ACTIVE;

		private final Set<String> organisations = new LinkedHashSet<>();

		private final Set<OrgType> orgTypes = EnumSet.noneOf(OrgType.class);

		private final Set<String> roles = new LinkedHashSet<>();

		private final Set<Category> categories = EnumSet.noneOf(Category.class);

		private final Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);

		private Instant start;

		private Instant end;

		private Instant createdAt;

		private Builder() {
		}

		public Builder id(String id) {
			this.id = id;
			return this;
		}

		public Builder effect(Effect effect) {
			this.effect = effect;
			return this;
		}

		/** The effect as a spec code, {@code permit} or {@code deny}. */
		public Builder effect(String effect) {
			this.effect = Effect.fromCode(effect);
			return this;
		}

		public Builder status(DirectiveStatus status) {
			this.status = status;
			return this;
		}

		/** The status as a spec code, {@code active} or {@code revoked}. */
		public Builder status(String status) {
			this.status = DirectiveStatus.fromCode(status);
			return this;
		}

		/** Adds organisation codes to the scope. */
		public Builder organisations(String... codes) {
			return organisations(Arrays.asList(codes));
		}

		public Builder organisations(Collection<String> codes) {
			for (String code : codes) {
				this.organisations.add(Codes.organisation("organisations", code));
			}
			return this;
		}

		public Builder orgTypes(OrgType... types) {
			Collections.addAll(this.orgTypes, types);
			return this;
		}

		/** Adds organisation types, as spec codes, to the scope. */
		public Builder orgTypeCodes(Collection<String> codes) {
			for (String code : codes) {
				this.orgTypes.add(parse("org_types", () -> OrgType.fromCode(code)));
			}
			return this;
		}

		/** Adds role tokens to the scope. */
		public Builder roles(String... roles) {
			return roles(Arrays.asList(roles));
		}

		public Builder roles(Collection<String> roles) {
			for (String role : roles) {
				this.roles.add(Codes.role("roles", role));
			}
			return this;
		}

		public Builder categories(Category... categories) {
			Collections.addAll(this.categories, categories);
			return this;
		}

		/** Adds data categories, as spec codes, to the scope. */
		public Builder categoryCodes(Collection<String> codes) {
			for (String code : codes) {
				this.categories.add(parse("categories", () -> Category.fromCode(code)));
			}
			return this;
		}

		public Builder purposes(Purpose... purposes) {
			Collections.addAll(this.purposes, purposes);
			return this;
		}

		/** Adds purposes, as spec codes, to the scope. */
		public Builder purposeCodes(Collection<String> codes) {
			for (String code : codes) {
				this.purposes.add(parse("purposes", () -> Purpose.fromCode(code)));
			}
			return this;
		}

		/** Start of validity (inclusive); null for open. */
		public Builder start(Instant start) {
			this.start = start;
			return this;
		}

		/** End of validity (exclusive); null for open. */
		public Builder end(Instant end) {
			this.end = end;
			return this;
		}

		public Builder createdAt(Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		private static <T> T parse(String field, Supplier<T> parser) {
			try {
				return parser.get();
			}
			catch (InvalidRequestException ex) {
				throw new InvalidRequestException(field, ex.problem(), ex);
			}
		}

		/**
		 * Builds the directive.
		 * @throws InvalidRequestException for a missing or malformed id, a missing effect
		 * or status, or a period whose end is not after its start
		 */
		public Directive build() {
			if (this.id == null || this.id.isBlank()) {
				throw new InvalidRequestException("id", "directive id is missing");
			}
			if (this.id.length() > 128 || this.id.chars().anyMatch(Character::isISOControl)) {
				throw new InvalidRequestException("id", "directive id must be at most 128 printable characters");
			}
			if (this.effect == null) {
				throw new InvalidRequestException("effect", "effect is missing");
			}
			if (this.status == null) {
				throw new InvalidRequestException("status", "status is missing");
			}
			if (this.start != null && this.end != null && !this.end.isAfter(this.start)) {
				throw new InvalidRequestException("end", "end " + this.end + " is not after start " + this.start);
			}
			return new Directive(this);
		}

	}

}
