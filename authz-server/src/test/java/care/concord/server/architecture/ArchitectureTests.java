package care.concord.server.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules that keep the house in order (docs/architecture.md, "Rules"): the plain Java
 * modules stay free of Spring, HTTP and JPA; the feature packages of the server form no
 * cycles (beyond an explicit, shrinking allow-list); only the web edge turns exceptions
 * into HTTP. Plain JUnit tests over ArchUnit's class model of the main classes of every
 * module on this module's class path.
 */
class ArchitectureTests {

	/**
	 * The plain Java modules: their root packages. A new core module (the agency kit) is
	 * one more line here, once authz-server depends on it.
	 */
	static final List<String> PLAIN_JAVA_MODULES = List.of("care.concord.policy..", "care.concord.identity..");

	/**
	 * The one place a plain Java module may speak HTTP, as a client of a policy service:
	 * the OPA adapter.
	 */
	static final String HTTP_CLIENT_ALLOWED_IN = "care.concord.policy.opa..";

	/**
	 * Dependencies between feature packages of authz-server that still close a cycle, as
	 * {@code from -> to}. Frozen here so that no new cycle can appear; the list may only
	 * shrink: an entry that no longer closes a cycle fails the test until it is removed.
	 */
	static final Set<String> CYCLES_FROZEN = Set.of();

	/**
	 * Classes outside the web edge that still speak HTTP: the UMA grant's OAuth error
	 * bodies (UMA Grant section 3.3.6 ties each error code to an HTTP status), now out of
	 * the provider in {@code UmaGrantErrors}. May only shrink, like
	 * {@link #CYCLES_FROZEN}.
	 */
	static final Set<String> HTTP_OUTSIDE_WEB_FROZEN = Set.of("care.concord.server.uma.UmaError",
			"care.concord.server.uma.UmaGrantException", "care.concord.server.uma.UmaGrantErrors");

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		// jars too: in a reactor build past the package phase, policy and
		// identity-matching come as jars
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("care.concord");
	}

	@Test
	void plainJavaModulesUseNoSpringNoHttpFrameworkNoJpa() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage(PLAIN_JAVA_MODULES.toArray(String[]::new))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta.servlet..", "javax.servlet..", "jakarta.ws.rs..",
					"jakarta.persistence..", "javax.persistence..", "org.hibernate..", "org.apache.http..",
					"org.apache.hc..", "okhttp3..", "io.netty..", "com.sun.net.httpserver..", "jakarta.transaction..")
			.because("policy, identity-matching and the agency kit are plain Java: the server adapts them");
		rule.check(classes);
	}

	@Test
	void plainJavaModulesUseTheJdkHttpClientOnlyInTheOpaAdapter() {
		noClasses().that()
			.resideInAnyPackage(PLAIN_JAVA_MODULES.toArray(String[]::new))
			.and()
			.resideOutsideOfPackage(HTTP_CLIENT_ALLOWED_IN)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("java.net.http..")
			.because("a domain engine takes its input as values; only an adapter to a policy service calls out")
			.check(classes);
	}

	@Test
	void onlyTheWebEdgeTurnsExceptionsIntoHttp() {
		DescribedPredicate<JavaClass> httpEdge = resideInAnyPackage("care.concord.server.web..")
			.or(annotatedWith(RestController.class))
			.or(annotatedWith(org.springframework.stereotype.Controller.class))
			.or(annotatedWith(RestControllerAdvice.class))
			.or(annotatedWith(ControllerAdvice.class))
			.or(assignableTo(jakarta.servlet.Filter.class))
			.or(assignableTo(org.springframework.web.servlet.HandlerInterceptor.class))
			.or(assignableTo(org.springframework.security.web.AuthenticationEntryPoint.class))
			.or(assignableTo(org.springframework.security.web.access.AccessDeniedHandler.class))
			.or(assignableTo(org.springframework.security.web.authentication.AuthenticationFailureHandler.class));
		Set<String> speakingHttp = new TreeSet<>();
		for (JavaClass type : classes) {
			if (!type.getPackageName().startsWith("care.concord.server") || httpEdge.test(outermost(type))) {
				continue;
			}
			for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
				if (HTTP_TYPES.test(dependency.getTargetClass())) {
					speakingHttp.add(outermost(type).getName());
				}
			}
		}
		assertThat(speakingHttp)
			.as("classes outside web, controllers, advices and filters referring to HTTP status, "
					+ "ProblemDetail, ResponseStatusException or web.ProblemException/ErrorCatalogue: throw a domain "
					+ "exception (care.concord.server.domain) and map it in web")
			.isSubsetOf(HTTP_OUTSIDE_WEB_FROZEN);
		assertThat(HTTP_OUTSIDE_WEB_FROZEN).as("frozen classes that no longer speak HTTP: remove them from the list")
			.isSubsetOf(speakingHttp);
	}

	private static final DescribedPredicate<JavaClass> HTTP_TYPES = belongToAnyOf(HttpStatus.class,
			HttpStatusCode.class, ProblemDetail.class, ResponseStatusException.class)
		.or(JavaClass.Predicates.simpleName("ProblemException")
			.or(JavaClass.Predicates.simpleName("ErrorCatalogue"))
			.or(JavaClass.Predicates.simpleName("ProblemResponses"))
			.and(resideInAnyPackage("care.concord.server.web")))
		.as("HTTP types");

	@Test
	void featurePackagesFormNoNewCycles() {
		Map<String, Set<String>> graph = featureGraph();
		assertThat(graph.get("uma")).as("the class model is complete enough to judge").contains("audit", "oauth");
		Set<String> cyclic = new TreeSet<>();
		for (Set<String> component : stronglyConnected(graph)) {
			if (component.size() > 1) {
				for (String from : component) {
					for (String to : graph.get(from)) {
						if (component.contains(to)) {
							cyclic.add(from + " -> " + to);
						}
					}
				}
			}
		}
		assertThat(cyclic).as("dependencies between feature packages that close a cycle").isSubsetOf(CYCLES_FROZEN);
		assertThat(CYCLES_FROZEN).as("frozen dependencies that no longer close a cycle: remove them from the list")
			.isSubsetOf(cyclic);
	}

	/**
	 * Feature (first package under care.concord.server) to the features its classes
	 * depend on.
	 */
	static Map<String, Set<String>> featureGraph() {
		Map<String, Set<String>> graph = new TreeMap<>();
		for (JavaClass type : classes) {
			String from = feature(type);
			if (from == null) {
				continue;
			}
			Set<String> targets = graph.computeIfAbsent(from, (key) -> new TreeSet<>());
			for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
				String to = feature(dependency.getTargetClass());
				if (to != null && !to.equals(from)) {
					targets.add(to);
					graph.computeIfAbsent(to, (key) -> new TreeSet<>());
				}
			}
		}
		return graph;
	}

	private static String feature(JavaClass type) {
		String name = type.getPackageName();
		String root = "care.concord.server.";
		if (!name.startsWith(root)) {
			return null;
		}
		String rest = name.substring(root.length());
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

	private static JavaClass outermost(JavaClass type) {
		JavaClass current = type;
		while (current.getEnclosingClass().isPresent()) {
			current = current.getEnclosingClass().get();
		}
		return current;
	}

	/** Tarjan's strongly connected components. */
	static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
		Map<String, Integer> index = new HashMap<>();
		Map<String, Integer> low = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		Set<String> onStack = new TreeSet<>();
		List<Set<String>> components = new ArrayList<>();
		int[] counter = { 0 };
		for (String node : graph.keySet()) {
			if (!index.containsKey(node)) {
				connect(node, graph, index, low, stack, onStack, components, counter);
			}
		}
		return components;
	}

	private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
			Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> components,
			int[] counter) {
		index.put(node, counter[0]);
		low.put(node, counter[0]);
		counter[0]++;
		stack.push(node);
		onStack.add(node);
		for (String next : graph.get(node)) {
			if (!index.containsKey(next)) {
				connect(next, graph, index, low, stack, onStack, components, counter);
				low.put(node, Math.min(low.get(node), low.get(next)));
			}
			else if (onStack.contains(next)) {
				low.put(node, Math.min(low.get(node), index.get(next)));
			}
		}
		if (low.get(node).equals(index.get(node))) {
			Set<String> component = new TreeSet<>();
			String member;
			do {
				member = stack.pop();
				onStack.remove(member);
				component.add(member);
			}
			while (!member.equals(node));
			components.add(component);
		}
	}

}
