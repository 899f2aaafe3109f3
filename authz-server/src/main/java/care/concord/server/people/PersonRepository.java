package care.concord.server.people;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Persistence of {@link Person people}.
 */
public interface PersonRepository extends JpaRepository<Person, String> {

	List<Person> findAllByOrderByUsernameAsc();

	Optional<Person> findByNhsNumber(String nhsNumber);

	@Query("select count(p) > 0 from Person p join p.roles r where r = :role and p.enabled = true")
	boolean existsEnabledWithRole(String role);

	/**
	 * The enabled holders of the role, locked until the transaction ends (serialises
	 * "last admin" checks).
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select p from Person p join p.roles r where r = :role and p.enabled = true")
	List<Person> lockEnabledWithRole(String role);

}
