package care.concord.server.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}, completed by {@link OpenApiDocument}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

	@Bean
	OpenApiCustomizer concordOpenApi(@Value("${concord.issuer:}") String issuer,
			@Value("${concord.api.version:1.0.0}") String version) {
		OpenApiDocument document = new OpenApiDocument(version, issuer);
		return document::customise;
	}

	/**
	 * A summary from the handler's name where the operation has none: {@code listClients}
	 * reads "List clients".
	 */
	@Bean
	OperationCustomizer concordOperationSummaries() {
		return (operation, handler) -> {
			if (operation.getSummary() == null || operation.getSummary().isBlank()) {
				operation.setSummary(
						OpenApiSummaries.of(handler.getMethod().getName(), handler.getBeanType().getSimpleName()));
			}
			return operation;
		};
	}

}
