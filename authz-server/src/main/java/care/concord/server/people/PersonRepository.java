package care.concord.server.people;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Persistence of {@link Person people}.
 */
public interface PersonRepository extends JpaRepository<Person, String> {

	List<Person> findAllByOrderByUsernameAsc();

	Optional<Person> findByNhsNumber(String nhsNumber);

	@Query("select count(p) > 0 from Person p join p.roles r where r = :role and p.enabled = true")
	boolean existsEnabledWithRole(String role);

}
