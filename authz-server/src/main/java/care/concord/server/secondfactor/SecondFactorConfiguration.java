package care.concord.server.secondfactor;

import java.time.Clock;

import care.concord.server.audit.AuditLog;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wiring of the second factor of local accounts ({@code concord.second-factor.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecondFactorProperties.class)
public class SecondFactorConfiguration {

	@Bean
	TotpStore totpStore(JdbcClient jdbc, Clock clock) {
		return new TotpStore(jdbc, clock);
	}

	@Bean
	SecondFactor secondFactor(SecondFactorProperties properties, TotpStore store, AuditLog auditLog, Clock clock) {
		return new SecondFactor(properties, store, auditLog, clock);
	}

}
