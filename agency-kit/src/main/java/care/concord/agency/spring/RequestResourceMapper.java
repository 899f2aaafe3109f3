package care.concord.agency.spring;

import java.util.Collection;

import care.concord.agency.ProtectedResource;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The protected server's part: what a request would disclose. Define one as a bean and
 * the kit's {@link UmaProtectionFilter} guards {@code concord.agency.protected-paths}.
 */
@FunctionalInterface
public interface RequestResourceMapper {

	/**
	 * The citizens' data categories the request reads; empty when it reads nothing
	 * protected (it goes on unchecked).
	 */
	Collection<ProtectedResource> resourcesOf(HttpServletRequest request);

}
