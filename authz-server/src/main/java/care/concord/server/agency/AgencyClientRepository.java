package care.concord.server.agency;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Persistence of {@link AgencyClient agency clients}.
 */
public interface AgencyClientRepository extends JpaRepository<AgencyClient, String> {

	List<AgencyClient> findByAgencyCodeOrderByClientIdAsc(String agencyCode);

}
