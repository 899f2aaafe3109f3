package care.concord.server.people;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Request body of an administrator's password reset: the new password, which the person
 * is told out of band.
 *
 * @param password the new password, 12 to 200 characters
 */
public record PasswordReset(@NotBlank @Size(min = 12, max = 200) String password) {
}
