package care.concord.server.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import ca.uhn.fhir.context.FhirContext;
import care.concord.server.domain.Sha256;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * Concord's FHIR conformance: the definitions every feature contributes
 * ({@link FhirDefinitions}), found by type and id or by canonical URL, each with a
 * {@code meta.versionId} (the first 16 hex digits of the SHA-256 of its JSON, so the same
 * content has the same version on every node and after every restart) and a
 * {@code meta.lastUpdated} (when this server started serving it); and the
 * {@code CapabilityStatement} of the FHIR base.
 *
 * @see <a href="https://hl7.org/fhir/R4/capabilitystatement.html">FHIR R4
 * CapabilityStatement</a>
 */
public final class FhirConformance {

	/** The FHIR version of every resource Concord reads and writes. */
	public static final String FHIR_VERSION = "4.0.1";

	private final FhirContext fhir;

	private final Supplier<List<FhirDefinitions>> contributions;

	private final String softwareVersion;

	private final Instant started;

	private volatile Catalogue catalogue;

	/**
	 * @param fhir the R4 context
	 * @param contributions the features' contributions, asked for on first use
	 * @param softwareVersion Concord's version, for {@code software.version}
	 * @param started when this server started serving its definitions
	 * ({@code meta.lastUpdated})
	 */
	public FhirConformance(FhirContext fhir, Supplier<List<FhirDefinitions>> contributions, String softwareVersion,
			Instant started) {
		this.fhir = Objects.requireNonNull(fhir, "fhir");
		this.contributions = Objects.requireNonNull(contributions, "contributions");
		this.softwareVersion = Objects.requireNonNull(softwareVersion, "softwareVersion");
		this.started = Objects.requireNonNull(started, "started");
	}

	/** Every definition (code systems, structure definitions), with their meta. */
	public List<MetadataResource> definitions() {
		return catalogue().definitions;
	}

	/** The definition of that resource type ({@code CodeSystem}) and id. */
	public Optional<MetadataResource> find(String type, String id) {
		return definitions().stream()
			.filter((d) -> d.fhirType().equals(type) && d.getIdElement().getIdPart().equals(id))
			.findFirst();
	}

	/** The definition of that resource type with that canonical URL. */
	public Optional<MetadataResource> findByUrl(String type, String url) {
		return definitions().stream().filter((d) -> d.fhirType().equals(type) && d.getUrl().equals(url)).findFirst();
	}

	/**
	 * The CapabilityStatement of the FHIR base at {@code baseUrl}: R4, kind
	 * {@code instance}, JSON only, OAuth 2.0 bearer tokens, and every resource type
	 * served under the base with its interactions and search parameters.
	 */
	public CapabilityStatement capabilityStatement(String baseUrl) {
		CapabilityStatement statement = new CapabilityStatement();
		statement.setId("concord");
		statement.setUrl(baseUrl + "/metadata");
		statement.setName("ConcordCapabilityStatement");
		statement.setTitle("Concord FHIR R4 capability statement");
		statement.setStatus(PublicationStatus.ACTIVE);
		statement.setExperimental(false);
		statement.setDate(Date.from(this.started));
		statement.setPublisher("Concord");
		statement.setDescription("The FHIR R4 resources served by the Concord identity and consent authorization "
				+ "server. The citizen's Consent is read, searched by patient and updated (version-aware, If-Match) "
				+ "here and also at /api/me/consent.fhir and /api/citizens/{nhs-number}/consent.fhir; AuditEvents "
				+ "are read and searched here and exported in bulk at /api/audit/export.fhir. Searches refuse "
				+ "parameters they do not support (400); see docs/fhir.md.");
		statement.setKind(CapabilityStatementKind.INSTANCE);
		statement.getSoftware().setName("Concord").setVersion(this.softwareVersion);
		statement.getImplementation().setDescription("Concord authorization server").setUrl(baseUrl);
		statement.setFhirVersion(FHIRVersion._4_0_1);
		statement.addFormat("json");
		CapabilityStatementRestComponent rest = statement.addRest();
		rest.setMode(RestfulCapabilityMode.SERVER);
		rest.getSecurity()
			.setCors(false)
			.addService(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
			.setDescription("OAuth 2.0 bearer access tokens issued by this server; the CapabilityStatement, "
					+ "CodeSystems and StructureDefinitions are public.");
		Map<String, CapabilityStatementRestResourceComponent> resources = new LinkedHashMap<>();
		resources.put("CodeSystem", definitionResource("CodeSystem"));
		resources.put("StructureDefinition", definitionResource("StructureDefinition"));
		for (FhirDefinitions contribution : this.contributions.get()) {
			for (CapabilityStatementRestResourceComponent resource : contribution.restResources()) {
				resources.merge(resource.getType(), resource.copy(), (a, b) -> a);
			}
		}
		resources.values().forEach(rest::addResource);
		String json = this.fhir.newJsonParser().encodeResourceToString(statement);
		statement.getMeta().setVersionId(versionOf(json)).setLastUpdated(Date.from(this.started));
		return statement;
	}

	private static CapabilityStatementRestResourceComponent definitionResource(String type) {
		CapabilityStatementRestResourceComponent resource = new CapabilityStatementRestResourceComponent();
		resource.setType(type);
		resource.setProfile("http://hl7.org/fhir/StructureDefinition/" + type);
		resource.setDocumentation("Concord's own " + type + " resources, public, read by id or found by canonical "
				+ "URL (" + Definitions.CANONICAL_BASE + "/" + type + "/ and the id).");
		resource.setVersioning(ResourceVersionPolicy.VERSIONED);
		resource.setReadHistory(false);
		resource.addInteraction().setCode(TypeRestfulInteraction.READ);
		resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		resource.addSearchParam()
			.setName("url")
			.setType(SearchParamType.URI)
			.setDefinition("http://hl7.org/fhir/SearchParameter/conformance-url")
			.setDocumentation("The canonical URL (exact match); required");
		return resource;
	}

	private Catalogue catalogue() {
		Catalogue built = this.catalogue;
		if (built == null) {
			synchronized (this) {
				built = this.catalogue;
				if (built == null) {
					built = build();
					this.catalogue = built;
				}
			}
		}
		return built;
	}

	private Catalogue build() {
		Map<String, MetadataResource> byUrl = new LinkedHashMap<>();
		for (FhirDefinitions contribution : this.contributions.get()) {
			for (MetadataResource definition : contribution.definitions()) {
				MetadataResource copy = definition.copy();
				copy.setMeta(null);
				String json = this.fhir.newJsonParser().encodeResourceToString(copy);
				copy.getMeta().setVersionId(versionOf(json)).setLastUpdated(Date.from(this.started));
				if (byUrl.putIfAbsent(copy.getUrl(), copy) != null) {
					throw new IllegalStateException("two FHIR definitions have the canonical URL " + copy.getUrl());
				}
			}
		}
		return new Catalogue(List.copyOf(new ArrayList<>(byUrl.values())));
	}

	private static String versionOf(String json) {
		return Sha256.hex(json).substring(0, 16);
	}

	private record Catalogue(List<MetadataResource> definitions) {
	}

}
