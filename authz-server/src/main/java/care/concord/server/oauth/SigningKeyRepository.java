package care.concord.server.oauth;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Persistence of {@link SigningKey signing keys}.
 */
public interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

	List<SigningKey> findByStatusOrderByCreatedAtDesc(SigningKeyStatus status);

	List<SigningKey> findAllByOrderByCreatedAtDesc();

}
