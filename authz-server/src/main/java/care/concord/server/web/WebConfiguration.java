package care.concord.server.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Wiring of the web edge: the error-page bodies and the servlet filters in front of every
 * chain (request size limit first, then the 503 for unavailable dependencies).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	/**
	 * Error-page bodies in OAuth or problem-details shape (see
	 * {@link ConcordErrorAttributes}).
	 */
	@Bean
	ConcordErrorAttributes errorAttributes() {
		return new ConcordErrorAttributes();
	}

	/**
	 * {@code concord.http.max-request-size} (bound with the other server settings by
	 * {@code ConcordProperties}).
	 */
	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(@Value("${concord.http.max-request-size:"
			+ RequestSizeLimitFilter.DEFAULT_MAX_REQUEST_SIZE + "}") DataSize maxRequestSize) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(maxRequestSize));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * 503, not 500, when the filters in front of the controllers cannot reach the
	 * database, audit log or Redis.
	 */
	@Bean
	FilterRegistrationBean<DependencyUnavailableFilter> dependencyUnavailableFilter() {
		FilterRegistrationBean<DependencyUnavailableFilter> registration = new FilterRegistrationBean<>(
				new DependencyUnavailableFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
