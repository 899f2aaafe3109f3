package care.concord.server.identity;

import java.util.Objects;
import java.util.UUID;

import care.concord.identity.nhs.NhsNumber;

/**
 * A Concord person: an opaque id and, once known and trusted, the NHS number. Everything
 * else Concord knows about a person is the demographics of the local records linked to
 * it.
 *
 * @param personId the opaque id given to agencies
 * @param nhsNumber the trusted NHS number, or null
 */
public record IdentityPerson(UUID personId, NhsNumber nhsNumber) {

	public IdentityPerson {
		Objects.requireNonNull(personId, "personId");
	}

}
