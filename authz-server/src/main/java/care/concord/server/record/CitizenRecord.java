package care.concord.server.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.decision.Decision;
import care.concord.policy.request.Category;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;
import care.concord.server.agency.Agency;
import care.concord.server.agency.AgencyRepository;
import care.concord.server.audit.AuditSearch;
import care.concord.server.audit.AuditSearch.HolderCategory;
import care.concord.server.audit.AuditActor;
import care.concord.server.console.ConsolePreviewController;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.decision.DecisionQuery;
import care.concord.server.oauth.PersonalSources;
import care.concord.server.uma.ResourceSet;
import care.concord.server.uma.ResourceSetRepository;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import org.springframework.util.Assert;

/**
 * The citizen's distributed record as Concord sees it: where pointers to their data are
 * registered (never the data, which Concord does not hold) and who may read which
 * category of it today.
 *
 * <p>
 * <b>Locations</b> group every registered resource about the citizen by holder and
 * category, with when it was registered and when it was last read (the newest permitted
 * decision on that holder and category in the audit log). <b>The access matrix</b> asks
 * the consent engine, for direct care, about every organisation that holds or has asked
 * for the citizen's data and about each care-provider type in general; it is computed
 * afresh on every call, so it follows a changed directive at once. Nothing here is
 * audited as an access: no care data is disclosed and the engine's previews are
 * side-effect free.
 */
public final class CitizenRecord {

	/**
	 * At most this many named organisations in the matrix (the holders first, then the
	 * newest requesters).
	 */
	static final int MAX_ORGANISATIONS = 40;

	/** The role the matrix asks about: a clinician treating the citizen. */
	static final String ROLE = "clinician";

	private final ResourceSetRepository resources;

	private final AgencyRepository agencies;

	private final ConsentDecisionService decisions;

	private final AuditSearch audit;

	private final PersonalSources personalSources;

	public CitizenRecord(ResourceSetRepository resources, AgencyRepository agencies, ConsentDecisionService decisions,
			AuditSearch audit, PersonalSources personalSources) {
		Assert.notNull(resources, "resources cannot be null");
		Assert.notNull(agencies, "agencies cannot be null");
		Assert.notNull(decisions, "decisions cannot be null");
		Assert.notNull(audit, "audit cannot be null");
		this.resources = resources;
		this.agencies = agencies;
		this.decisions = decisions;
		this.audit = audit;
		Assert.notNull(personalSources, "personalSources cannot be null");
		this.personalSources = personalSources;
	}

	/**
	 * Every holder of data about the subject, with the categories and pointers it
	 * registered.
	 */
	public List<Holder> locations(NhsNumber subject) {
		Assert.notNull(subject, "subject cannot be null");
		Map<HolderCategory, Instant> lastRead = this.audit.lastPermittedReads(subject);
		Map<String, List<ResourceSet>> byHolder = new LinkedHashMap<>();
		for (ResourceSet resource : this.resources.findBySubject(subject)) {
			byHolder.computeIfAbsent(resource.holder(), (holder) -> new ArrayList<>()).add(resource);
		}
		List<Holder> holders = new ArrayList<>();
		byHolder.forEach((code, registered) -> {
			Map<Category, List<Pointer>> byCategory = new LinkedHashMap<>();
			for (ResourceSet resource : registered) {
				byCategory.computeIfAbsent(resource.category(), (category) -> new ArrayList<>())
					.add(new Pointer(resource.id(), resource.name(), resource.createdAt(), resource.updatedAt()));
			}
			List<CategoryLocation> categories = new ArrayList<>();
			byCategory.forEach((category,
					pointers) -> categories.add(new CategoryLocation(category.code(), category.label(),
							category.requiresExplicitConsent(), pointers,
							pointers.stream().map(Pointer::registeredAt).min(Comparator.naturalOrder()).orElseThrow(),
							lastRead.get(new HolderCategory(code, category.code())))));
			Optional<Agency> agency = this.agencies.findById(code);
			String orgType = agency.map((a) -> a.getOrgType().code()).orElse(registered.get(0).holderOrgType());
			String name = agency.map(Agency::getName)
				.or(() -> this.personalSources.find(code).map(PersonalSources.PersonalSource::name))
				.orElse(code);
			holders.add(new Holder(code, name, orgType, typeLabel(orgType), categories));
		});
		holders.sort(Comparator.comparing(Holder::name, String.CASE_INSENSITIVE_ORDER));
		return holders;
	}

	/**
	 * Who may read what today, for direct care: one row per organisation that holds or
	 * has asked for the subject's data, and one row per care-provider type in general,
	 * each with a cell per data category.
	 */
	public Matrix accessMatrix(NhsNumber subject) {
		Assert.notNull(subject, "subject cannot be null");
		List<Row> organisations = new ArrayList<>();
		for (String code : organisationsOf(subject)) {
			Optional<Agency> agency = this.agencies.findById(code);
			if (agency.isEmpty()) {
				continue;
			}
			OrgType type = agency.get().getOrgType();
			organisations
				.add(new Row(code, agency.get().getName(), type.code(), type.label(), cells(subject, code, type)));
		}
		List<Row> types = new ArrayList<>();
		for (OrgType type : OrgType.values()) {
			if (type.isCareProvider()) {
				types.add(new Row(null, null, type.code(), type.label(), cells(subject, null, type)));
			}
		}
		List<Column> columns = new ArrayList<>();
		for (Category category : Category.values()) {
			columns.add(new Column(category.code(), category.label(), category.requiresExplicitConsent()));
		}
		return new Matrix(columns, organisations, types);
	}

	private List<Cell> cells(NhsNumber subject, String organisation, OrgType type) {
		List<Cell> cells = new ArrayList<>();
		for (Category category : Category.values()) {
			Decision direct = preview(subject, organisation, type, category, Purpose.DIRECT_CARE);
			Access access;
			if (direct.isPermit()) {
				access = Access.ALLOWED;
			}
			else if (Purpose.EMERGENCY_CARE.isPermittedTo(type)) {
				access = Access.EMERGENCY_ONLY;
			}
			else {
				access = Access.DENIED;
			}
			cells.add(new Cell(category.code(), access, direct.reason().code(), direct.decidingDirectiveId(),
					ConsolePreviewController.readable(direct.explanation())));
		}
		return cells;
	}

	private Decision preview(NhsNumber subject, String organisation, OrgType type, Category category, Purpose purpose) {
		DecisionQuery query = DecisionQuery.builder()
			.actor(AuditActor.user("access-matrix"))
			.requester(organisation, type.code(), ROLE)
			.subject(subject.value())
			.category(category.code())
			.purpose(purpose.code())
			.build();
		return this.decisions.preview(query);
	}

	/**
	 * Holders first (by code), then organisations that asked, newest first; at most
	 * {@link #MAX_ORGANISATIONS}.
	 */
	private List<String> organisationsOf(NhsNumber subject) {
		Set<String> codes = new LinkedHashSet<>();
		this.resources.findBySubject(subject).forEach((resource) -> codes.add(resource.holder()));
		codes.addAll(this.audit.agenciesThatAsked(subject));
		return codes.stream().limit(MAX_ORGANISATIONS).toList();
	}

	private static String typeLabel(String orgType) {
		try {
			return OrgType.fromCode(orgType).label();
		}
		catch (RuntimeException ex) {
			return orgType;
		}
	}

	/** What a reader may do with a category today, for direct care. */
	public enum Access {

		/** The engine permits it now. */
		ALLOWED("allowed"),
		/**
		 * Refused for direct care; a clinician could still break the glass in an
		 * emergency (reviewed).
		 */
		EMERGENCY_ONLY("emergency-only"),
		/** Refused, and this kind of organisation cannot break the glass. */
		DENIED("denied");

		private final String code;

		Access(String code) {
			this.code = code;
		}

		@JsonValue
		public String code() {
			return this.code;
		}

	}

	/**
	 * One organisation holding data about the citizen.
	 *
	 * @param code the holder's code (ODS code)
	 * @param name the holder's name (the code when the agency is unknown)
	 * @param orgType organisation type code
	 * @param orgTypeLabel organisation type in words
	 * @param categories what it holds, by category
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Holder(String code, String name, String orgType, String orgTypeLabel,
			List<CategoryLocation> categories) {
	}

	/**
	 * One category of data at one holder.
	 *
	 * @param category the category code
	 * @param label the category in words
	 * @param explicitConsent whether the category needs the citizen's explicit consent
	 * @param pointers the registered pointers (never their contents)
	 * @param firstRegisteredAt when the first pointer was registered
	 * @param lastReadAt when a reader was last permitted it, or null if never
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record CategoryLocation(String category, String label, boolean explicitConsent, List<Pointer> pointers,
			Instant firstRegisteredAt, Instant lastReadAt) {
	}

	/**
	 * One registered pointer.
	 *
	 * @param id the resource id
	 * @param name its display name
	 * @param registeredAt when it was registered
	 * @param updatedAt when its description last changed
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Pointer(String id, String name, Instant registeredAt, Instant updatedAt) {
	}

	/**
	 * The access matrix.
	 *
	 * @param columns the categories
	 * @param organisations rows for named organisations that hold or asked for the
	 * citizen's data
	 * @param orgTypes rows for each care-provider type in general (an organisation of
	 * that type treating the citizen)
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Matrix(List<Column> columns, List<Row> organisations, List<Row> orgTypes) {
	}

	/**
	 * A column of the matrix.
	 *
	 * @param category the category code
	 * @param label the category in words
	 * @param explicitConsent whether it needs explicit consent
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Column(String category, String label, boolean explicitConsent) {
	}

	/**
	 * A row of the matrix.
	 *
	 * @param organisation the organisation code, or null for a type row
	 * @param name the organisation's name, or null for a type row
	 * @param orgType the organisation type code
	 * @param orgTypeLabel the organisation type in words
	 * @param cells one per column, in column order
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Row(String organisation, String name, String orgType, String orgTypeLabel, List<Cell> cells) {
	}

	/**
	 * A cell of the matrix.
	 *
	 * @param category the category code
	 * @param access allowed, emergency-only or denied
	 * @param reason the engine's reason code for direct care
	 * @param directive the deciding directive's id, or null
	 * @param explanation the reason in plain words, for the citizen
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Cell(String category, Access access, String reason, String directive, String explanation) {
	}

}
