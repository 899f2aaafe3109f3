package care.concord.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Concord's one deployable application: the OAuth 2.1 / OpenID Connect authorization
 * server with the UMA 2.0 grant, the consent decision API, consent and audit APIs, and
 * the admin console.
 */
@SpringBootApplication
public class ConcordServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConcordServerApplication.class, args);
	}

}
