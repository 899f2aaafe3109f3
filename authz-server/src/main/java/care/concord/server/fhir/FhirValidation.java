package care.concord.server.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import care.concord.server.domain.InvalidResourceException;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * Validates FHIR R4 resources with the HAPI FHIR instance validator against the base
 * specification (structure definitions, invariants, terminology held in memory: the HL7
 * code systems and value sets of {@code hapi-fhir-validation-resources-r4}, UCUM, ISO
 * languages and countries) and Concord's own definitions ({@link FhirDefinitions}: its
 * code systems and the opt-out extension). No terminology server is called; a code system
 * the validator does not know yields a warning, not an error.
 *
 * <p>
 * The validator is built on first use (it loads several thousand definitions, a few
 * seconds), never at start-up, and then reused: {@link FhirValidator} and the support
 * chain are thread-safe.
 */
public final class FhirValidation {

	private final FhirContext fhir;

	private final Supplier<List<MetadataResource>> definitions;

	private volatile FhirValidator validator;

	/**
	 * A validation knowing the given definitions (asked for once, when the validator is
	 * built).
	 */
	public FhirValidation(FhirContext fhir, Supplier<List<MetadataResource>> definitions) {
		this.fhir = Objects.requireNonNull(fhir, "fhir");
		this.definitions = Objects.requireNonNull(definitions, "definitions");
	}

	/** Every issue the validator finds in the resource, errors and warnings. */
	public List<Issue> validate(IBaseResource resource) {
		return issues(validator().validateWithResult(resource));
	}

	/** Every issue the validator finds in a resource given as FHIR JSON or XML. */
	public List<Issue> validate(String resource) {
		return issues(validator().validateWithResult(resource));
	}

	/**
	 * Refuses a resource with errors (fatal or error severity); warnings and information
	 * pass.
	 * @throws InvalidResourceException listing every error with its location
	 */
	public void requireValid(IBaseResource resource, String what) {
		List<InvalidResourceException.Issue> errors = new ArrayList<>();
		for (Issue issue : validate(resource)) {
			if (issue.isError()) {
				errors.add(new InvalidResourceException.Issue(issue.location(), issue.message()));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidResourceException(what + " is not a valid FHIR R4 resource: " + errors.size()
					+ " error(s), the first: " + errors.get(0).message(), errors);
		}
	}

	private static List<Issue> issues(ValidationResult result) {
		List<Issue> issues = new ArrayList<>();
		for (SingleValidationMessage message : result.getMessages()) {
			issues.add(new Issue(severity(message.getSeverity()), message.getLocationString(), message.getMessage()));
		}
		return List.copyOf(issues);
	}

	private static String severity(ResultSeverityEnum severity) {
		return (severity != null) ? severity.getCode() : "error";
	}

	private FhirValidator validator() {
		FhirValidator built = this.validator;
		if (built == null) {
			synchronized (this) {
				built = this.validator;
				if (built == null) {
					built = build();
					this.validator = built;
				}
			}
		}
		return built;
	}

	private FhirValidator build() {
		PrePopulatedValidationSupport concord = new PrePopulatedValidationSupport(this.fhir);
		for (MetadataResource definition : this.definitions.get()) {
			concord.addResource(definition);
		}
		ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(this.fhir),
				concord, new SnapshotGeneratingValidationSupport(this.fhir),
				new InMemoryTerminologyServerValidationSupport(this.fhir),
				new CommonCodeSystemsTerminologyService(this.fhir));
		FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
		return this.fhir.newValidator().registerValidatorModule(instanceValidator);
	}

	/**
	 * One finding of the validator.
	 *
	 * @param severity {@code fatal}, {@code error}, {@code warning} or
	 * {@code information}
	 * @param location the element, as a FHIRPath expression, or null
	 * @param message what the validator says
	 */
	public record Issue(String severity, String location, String message) {

		/** True for the severities that make a resource invalid. */
		public boolean isError() {
			return "error".equals(this.severity) || "fatal".equals(this.severity);
		}

	}

}
