package care.concord.examples.app;

import java.net.http.HttpClient;
import java.time.Duration;

import care.concord.agency.spring.UmaClientHttpRequestInterceptor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A GP practice's app that reads a patient's summary from the hospital's FHIR server. The
 * agency kit's interceptor on its {@link RestClient} does the UMA part: the app only says
 * who asks and why.
 */
@SpringBootApplication
public class AgencyAppApplication {

	public static void main(String[] args) {
		SpringApplication.run(AgencyAppApplication.class, args);
	}

	@Bean
	RestClient hospitalFhir(@Value("${agency.app.hospital-fhir-url}") String baseUrl,
			UmaClientHttpRequestInterceptor uma) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(Duration.ofSeconds(5));
		return RestClient.builder().baseUrl(baseUrl).requestFactory(requests).requestInterceptor(uma).build();
	}

}
