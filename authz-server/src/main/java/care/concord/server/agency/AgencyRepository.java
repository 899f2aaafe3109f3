package care.concord.server.agency;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Persistence of {@link Agency agencies}.
 */
public interface AgencyRepository extends JpaRepository<Agency, String> {

	List<Agency> findAllByOrderByCodeAsc();

}
