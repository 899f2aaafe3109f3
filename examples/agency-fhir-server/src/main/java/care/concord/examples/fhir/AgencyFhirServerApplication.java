package care.concord.examples.fhir;

import java.nio.charset.StandardCharsets;

import care.concord.agency.ConcordUnavailableException;
import care.concord.agency.ResourceRegistry;
import care.concord.agency.spring.RequestResourceMapper;
import care.concord.agency.spring.UmaProtectionFilter;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * A hospital's FHIR server (HAPI plain server at {@code /fhir}) whose records are
 * released only as Concord permits, through the agency kit: {@code concord.agency.*}
 * names Concord and the hospital's client; the {@link FhirRequestResourceMapper} says
 * what each request reads; the resources are registered at Concord on start.
 */
@SpringBootApplication
public class AgencyFhirServerApplication {

	private static final Log logger = LogFactory.getLog(AgencyFhirServerApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(AgencyFhirServerApplication.class, args);
	}

	@Bean
	SyntheticRecords syntheticRecords() {
		return SyntheticRecords.demo();
	}

	@Bean
	DisclosureGuard disclosureGuard(@Value("${agency.fhir.unprotected-for-benchmark:false}") boolean unprotected) {
		if (unprotected) {
			logger.warn("agency.fhir.unprotected-for-benchmark=true: EVERY RECORD IS SERVED WITHOUT AUTHORISATION");
		}
		return new DisclosureGuard(unprotected);
	}

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(SyntheticRecords records, DisclosureGuard guard) {
		RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.registerProviders(new PatientProvider(records, guard),
				new RecordProvider<>(Observation.class, records, guard),
				new RecordProvider<>(Condition.class, records, guard),
				new RecordProvider<>(MedicationStatement.class, records, guard),
				new RecordProvider<>(DocumentReference.class, records, guard));
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	@ConditionalOnProperty(name = "agency.fhir.unprotected-for-benchmark", havingValue = "false", matchIfMissing = true)
	RequestResourceMapper fhirRequestResourceMapper(SyntheticRecords records) {
		return new FhirRequestResourceMapper(records);
	}

	/** Refusals as a FHIR OperationOutcome. */
	@Bean
	UmaProtectionFilter.ErrorBodyWriter operationOutcomeWriter() {
		return (response, status, error, description) -> {
			response.setContentType("application/fhir+json");
			String code = (status == 503) ? "transient" : "security";
			response.getOutputStream()
				.write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
						+ "\",\"details\":{\"text\":\"" + error + "\"},\"diagnostics\":\"" + description + "\"}]}")
					.getBytes(StandardCharsets.UTF_8));
		};
	}

	/**
	 * Registers the hospital's records at Concord (those an earlier run registered are
	 * learnt, not repeated).
	 */
	@Bean
	ApplicationRunner registerRecordsAtConcord(ObjectProvider<ResourceRegistry> registry, SyntheticRecords records) {
		return (args) -> registry.ifAvailable((resources) -> {
			try {
				resources.load();
				resources.registerAll(records.allResources());
				logger.info("registered " + records.allResources().size() + " resources at Concord");
			}
			catch (ConcordUnavailableException ex) {
				logger.warn("could not register the records at Concord now (they are registered on first use): "
						+ ex.getMessage());
			}
		});
	}

}
