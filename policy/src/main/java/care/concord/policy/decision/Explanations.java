package care.concord.policy.decision;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import care.concord.policy.citizen.Directive;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Category;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;

/**
 * Writes the one-sentence, plain-English explanation of a {@link Decision}: in the second
 * person for the citizen (their access history), in the third for IG officers and
 * agencies ({@link Audience}). Kept apart from deciding so that the hot path never builds
 * text.
 */
public final class Explanations {

	/**
	 * Citizens are in the UK: a directive made late on 2 March UTC in summer is "3 March"
	 * to them.
	 */
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
		.withZone(ZoneId.of("Europe/London"));

	private static final int MAX_QUOTED = 200;

	private Explanations() {
	}

	static String explain(Decision decision) {
		return explain(decision, Audience.CITIZEN);
	}

	static String explain(Decision decision, Audience to) {
		AccessRequest request = decision.request();
		String organisation = "organisation " + request.requester().organisation();
		String records = request.category().label() + " records";
		String purpose = request.purpose().label();
		String your = to.your();
		return switch (decision.reason()) {
			case PURPOSE_NOT_PERMITTED -> "National rules do not allow " + request.requester().orgType().label()
					+ " to use " + your + " records for " + purpose + ".";
			case OWN_RECORD -> capitalise(organisation) + " holds these " + records
					+ " itself, so it may read them without asking for consent.";
			case BREAK_GLASS_REQUIRES_EMERGENCY_PURPOSE ->
				capitalise(organisation) + " asked for emergency access to " + your + " " + records + " for " + purpose
						+ ", but emergency access is only allowed for emergency care, so it was refused.";
			case BREAK_GLASS_REASON_REQUIRED -> capitalise(organisation) + " asked for emergency access to " + your
					+ " " + records + " without giving a reason, so it was refused.";
			case BREAK_GLASS -> "Someone working as " + request.requester().role().replace('-', ' ') + " at "
					+ organisation + " used emergency access to " + your + " " + records + ", giving the reason \""
					+ quoted(request.breakGlassReason()) + "\"; " + to.youAre()
					+ " being told and the access will be reviewed.";
			case DIRECTIVE_PERMIT, DIRECTIVE_DENY -> directive(decision.decidingDirective(), to);
			case NATIONAL_DATA_OPT_OUT -> capitalise(to.youHave()) + " registered a national data opt-out, so " + your
					+ " records are not used for " + purpose + ".";
			case EXPLICIT_CONSENT_REQUIRED -> (decision.layer().equals(ExplicitConsentRule.NAME))
					? capitalise(records) + " are only shared with " + your + " explicit consent, and " + to.youHave()
							+ " not given it to " + organisation + "."
					: capitalise(your) + " records are only used for " + purpose + " with " + your
							+ " explicit consent, and " + to.youHave() + " not given it to " + organisation + ".";
			case IMPLIED_CONSENT -> capitalise(organisation) + " is caring for " + to.you() + ", so it may read " + your
					+ " " + records + " for " + purpose + " under implied consent.";
			case NO_LEGITIMATE_RELATIONSHIP -> capitalise(organisation) + " has no recorded care relationship with "
					+ to.you() + ", so it may not read " + your + " " + records + ".";
			case OPT_OUT_MODEL -> capitalise(your) + " " + records + " may be used for planning in de-identified form, "
					+ "because " + to.youHave() + " not registered a national data opt-out.";
			case ORGANISATION_POLICY -> "Although " + your + " consent allowed it, an organisation policy refused "
					+ organisation + " access to " + your + " " + records + ": " + policyReasons(decision) + ".";
		};
	}

	/**
	 * A directive in one plain sentence, as a citizen reads it: "Your directive of 3
	 * March 2026 denies mental-health records to social care."
	 */
	public static String describe(Directive directive) {
		return directive(directive, Audience.CITIZEN);
	}

	/**
	 * A directive in one plain sentence for that audience: "The citizen's directive of 3
	 * March 2026 denies mental-health records to social care." for IG officers and
	 * agencies.
	 */
	public static String describe(Directive directive, Audience to) {
		return directive(directive, to);
	}

	/** "Your directive of 3 March 2026 denies mental-health records to social care." */
	private static String directive(Directive directive, Audience to) {
		StringBuilder text = new StringBuilder(capitalise(to.your())).append(" directive ");
		if (directive.createdAt() != null) {
			text.append("of ").append(DATE.format(directive.createdAt()));
		}
		else {
			text.append(quoted(directive.id()));
		}
		text.append((directive.effect() == Effect.DENY) ? " denies " : " permits ");
		Set<Category> categories = directive.categories();
		text.append(categories.isEmpty() ? "all" : join(categories, Category::label)).append(" records to ");
		text.append(audience(directive));
		if (!directive.purposes().isEmpty()) {
			text.append(" for ").append(join(directive.purposes(), Purpose::label));
		}
		return text.append('.').toString();
	}

	/**
	 * Who a directive is about: "social care", "people working as admin staff at
	 * organisation A81001", ...
	 */
	private static String audience(Directive directive) {
		String where = null;
		if (!directive.organisations().isEmpty()) {
			where = ((directive.organisations().size() == 1) ? "organisation " : "organisations ")
					+ join(directive.organisations(), Explanations::quoted);
			if (!directive.orgTypes().isEmpty()) {
				where += " (" + join(directive.orgTypes(), OrgType::label) + ")";
			}
		}
		else if (!directive.orgTypes().isEmpty()) {
			where = join(directive.orgTypes(), OrgType::label);
		}
		if (directive.roles().isEmpty()) {
			return (where != null) ? where : "everyone";
		}
		String who = "people working as " + join(directive.roles(), role -> role.replace('-', ' '));
		return (where != null) ? who + " at " + where : who;
	}

	private static String policyReasons(Decision decision) {
		List<String> reasons = decision.organisationPolicyReasons();
		if (reasons.isEmpty()) {
			return "no reason was given";
		}
		List<String> quoted = new ArrayList<>(reasons.size());
		for (String reason : reasons) {
			quoted.add(quoted(reason));
		}
		return String.join("; ", quoted);
	}

	/** "a", "a or b", "a, b or c". */
	private static <T> String join(Collection<T> values, Function<T, String> label) {
		List<String> labels = new ArrayList<>(values.size());
		for (T value : values) {
			labels.add(label.apply(value));
		}
		if (labels.size() == 1) {
			return labels.get(0);
		}
		return String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
	}

	private static String capitalise(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * Free text from practitioners and policies is shown to citizens: cap it and drop
	 * control characters.
	 */
	private static String quoted(String text) {
		String capped = (text.length() > MAX_QUOTED) ? text.substring(0, MAX_QUOTED) + "..." : text;
		StringBuilder out = new StringBuilder(capped.length());
		for (int i = 0; i < capped.length(); i++) {
			char c = capped.charAt(i);
			out.append(Character.isISOControl(c) ? ' ' : c);
		}
		return out.toString().strip();
	}

}
