package care.concord.server.fhir;

import java.time.Clock;

import ca.uhn.fhir.context.FhirContext;
import care.concord.server.config.ApiAuthorizationRules;
import org.hl7.fhir.r4.model.MetadataResource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Wires Concord's FHIR conformance: the definitions the features contribute, the
 * CapabilityStatement, the validator (built on first use) and the public reads of
 * {@code /fhir/metadata}, {@code /fhir/CodeSystem} and {@code /fhir/StructureDefinition}.
 */
@Configuration(proxyBeanMethods = false)
public class FhirConformanceConfiguration {

	@Bean
	FhirConformance fhirConformance(FhirContext fhir, ObjectProvider<FhirDefinitions> contributions,
			ObjectProvider<Clock> clock) {
		String version = FhirConformanceConfiguration.class.getPackage().getImplementationVersion();
		return new FhirConformance(fhir, () -> contributions.orderedStream().toList(),
				(version != null) ? version : "development", clock.getIfAvailable(Clock::systemUTC).instant());
	}

	@Bean
	FhirValidation fhirValidation(FhirContext fhir, FhirConformance conformance) {
		// copies: the validator's support chain may annotate what it holds
		return new FhirValidation(fhir, () -> conformance.definitions().stream().map(MetadataResource::copy).toList());
	}

	@Bean
	ApiAuthorizationRules fhirConformanceRules() {
		return (rules) -> rules
			.requestMatchers(HttpMethod.GET, "/fhir/metadata", "/fhir/CodeSystem", "/fhir/CodeSystem/*",
					"/fhir/StructureDefinition", "/fhir/StructureDefinition/*")
			.permitAll();
	}

}
