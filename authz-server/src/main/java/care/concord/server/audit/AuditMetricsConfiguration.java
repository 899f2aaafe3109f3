package care.concord.server.audit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Audit log metrics: the application's {@link AuditLog} is wrapped in a
 * {@link MeteredAuditLog}.
 */
@Configuration(proxyBeanMethods = false)
public class AuditMetricsConfiguration {

	@Bean
	static BeanPostProcessor meteredAuditLogPostProcessor(ObjectProvider<MeterRegistry> meters) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AuditLog log && !(bean instanceof MeteredAuditLog)) {
					return new MeteredAuditLog(log, meters.getObject());
				}
				return bean;
			}
		};
	}

}
