package care.concord.agency;

import java.util.List;

import care.concord.agency.spring.AgencyKitAutoConfiguration;
import care.concord.agency.spring.RequestResourceMapper;
import care.concord.agency.spring.UmaClientHttpRequestInterceptor;
import care.concord.agency.spring.UmaProtectionFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spring adapter: the filter's answers and what the auto-configuration provides. */
class UmaProtectionFilterTests {

	static final ProtectedResource MEDICATIONS = ProtectedResource.of("9434765919", "medications");

	FakeConcord concord;

	UmaProtectionFilter filter;

	@BeforeEach
	void start() throws Exception {
		this.concord = new FakeConcord();
		ConcordConnection connection = this.concord.connection("rr8-client", null);
		this.filter = new UmaProtectionFilter(
				new ResourceProtection(connection, new ResourceRegistry(connection), "RR8"),
				(request) -> "/records".equals(request.getRequestURI()) ? List.of(MEDICATIONS) : List.of(), null);
	}

	@AfterEach
	void stop() {
		this.concord.close();
	}

	@Test
	void doFilterWhenNoRptThenUmaChallengeAndTheRequestStops() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(new MockHttpServletRequest("GET", "/records"), response, chain);
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("UMA realm=\"RR8\", as_uri=\"")
			.contains("ticket=\"t-");
		assertThat(response.getContentAsString()).contains("\"error\":\"unauthorized\"");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void doFilterWhenRptCoversThenGoesOnWithThePermit() throws Exception {
		this.concord.introspections.put("rpt-1", ResourceProtectionTests.active("r1"));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/records");
		request.addHeader("Authorization", "Bearer rpt-1");
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
		Enforcement.Permit permit = (Enforcement.Permit) request.getAttribute(UmaProtectionFilter.PERMIT_ATTRIBUTE);
		assertThat(permit.allows(MEDICATIONS)).isTrue();
	}

	@Test
	void doFilterWhenConcordStoppedThen503AndTheRequestStops() throws Exception {
		this.concord.close();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/records");
		request.addHeader("Authorization", "Bearer rpt-1");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void autoConfigurationWhenIssuerAndMapperThenFilterAndInterceptor() {
		WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AgencyKitAutoConfiguration.class));
		runner.run((context) -> assertThat(context).doesNotHaveBean(ResourceProtection.class));
		runner
			.withPropertyValues("concord.agency.issuer=" + this.concord.issuer(), "concord.agency.client-id=rr8-client",
					"concord.agency.client-secret=secret", "concord.agency.protected-paths=/fhir/*")
			.withBean(RequestResourceMapper.class, () -> (request) -> List.of())
			.run((context) -> {
				assertThat(context).hasSingleBean(ResourceProtection.class)
					.hasSingleBean(UmaClient.class)
					.hasSingleBean(UmaClientHttpRequestInterceptor.class)
					.hasSingleBean(FilterRegistrationBean.class);
				assertThat(context.getBean(FilterRegistrationBean.class).getUrlPatterns()).containsExactly("/fhir/*");
			});
	}

}
