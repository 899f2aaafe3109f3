package care.concord.server.config;

import ca.uhn.fhir.context.FhirContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one HL7 FHIR R4 context of the application, shared by every feature that reads or
 * writes FHIR (audit export as {@code AuditEvent}, consent as {@code Consent}): creating
 * a context scans the whole model and costs seconds.
 */
@Configuration(proxyBeanMethods = false)
public class FhirConfiguration {

	@Bean
	FhirContext fhirContext() {
		return FhirContext.forR4();
	}

}
