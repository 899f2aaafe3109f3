package care.concord.server.audit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Audit log metrics: the application's {@link AuditLog} is wrapped in a
 * {@link MeteredAuditLog}, and the sizes of the database log's group commits are recorded
 * as the distribution {@value #GROUP_SIZE}.
 */
@Configuration(proxyBeanMethods = false)
public class AuditMetricsConfiguration {

	/**
	 * The distribution of group-commit sizes: how many audit events each transaction
	 * wrote.
	 */
	public static final String GROUP_SIZE = "concord.audit.group.size";

	@Bean
	static BeanPostProcessor meteredAuditLogPostProcessor(ObjectProvider<MeterRegistry> meters) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JdbcAuditLog jdbc) {
					DistributionSummary groups = DistributionSummary.builder(GROUP_SIZE)
						.description("Audit events written together in one transaction (group commit)")
						.baseUnit("events")
						.publishPercentileHistogram()
						.minimumExpectedValue(1.0)
						.maximumExpectedValue((double) JdbcAuditLog.DEFAULT_MAX_BATCH)
						.register(meters.getObject());
					jdbc.onBatch(groups::record);
				}
				if (bean instanceof AuditLog log && !(bean instanceof MeteredAuditLog)) {
					return new MeteredAuditLog(log, meters.getObject());
				}
				return bean;
			}
		};
	}

}
