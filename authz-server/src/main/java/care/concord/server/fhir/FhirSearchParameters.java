package care.concord.server.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.Printable;

/**
 * The parameters of a FHIR search, read strictly (FHIR's {@code handling=strict}): a
 * parameter the search does not support, a modifier it does not know, or a supported
 * parameter given more than once or with several values (a comma, FHIR's "or") is refused
 * with a {@link InvalidRequestException} (400) that names it and lists what is supported,
 * rather than silently ignored. Parameters with an empty value are ignored, as FHIR asks.
 * {@code _format} is accepted for JSON only.
 *
 * @see <a href="https://hl7.org/fhir/R4/search.html#errors">FHIR R4 search: handling
 * errors</a>
 */
public final class FhirSearchParameters {

	/** The FHIR {@code _format} values that mean JSON. */
	private static final Set<String> JSON_FORMATS = Set.of("json", "application/json", "application/fhir+json");

	private final Map<String, List<String>> values;

	private FhirSearchParameters(Map<String, List<String>> values) {
		this.values = values;
	}

	/**
	 * The search parameters of a request to search {@code resourceType}.
	 * @param parameters the request's parameters (name to values)
	 * @param supported the names the search supports (with their modifiers, such as
	 * {@code patient:identifier}), besides {@code _format}
	 * @throws InvalidRequestException naming the first parameter that is not supported
	 */
	public static FhirSearchParameters read(String resourceType, Map<String, String[]> parameters,
			Set<String> supported) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			List<String> given = new ArrayList<>();
			for (String value : parameter.getValue()) {
				if (value != null && !value.isBlank()) {
					given.add(value.strip());
				}
			}
			if (name.equals("_format")) {
				for (String format : given) {
					if (!JSON_FORMATS.contains(format)) {
						throw new InvalidRequestException("_format",
								"only JSON is served (json, application/fhir+json)");
					}
				}
				continue;
			}
			if (!supported.contains(name)) {
				throw new InvalidRequestException(Printable.of(name),
						"unknown search parameter '" + Printable.of(name) + "' for " + resourceType + "; supported: "
								+ String.join(", ", supported.stream().sorted().toList()));
			}
			if (!given.isEmpty()) {
				values.put(name, given);
			}
		}
		return new FhirSearchParameters(values);
	}

	/**
	 * The one value of the parameter known by any of the given names (aliases, such as
	 * {@code patient:identifier} and {@code patient.identifier}); null when absent.
	 * @throws InvalidRequestException when it is given more than once or with several
	 * comma-separated values
	 */
	public String single(String... names) {
		String found = null;
		String foundName = null;
		for (String name : names) {
			List<String> given = this.values.get(name);
			if (given == null) {
				continue;
			}
			if (found != null || given.size() > 1) {
				throw new InvalidRequestException(name, "may be given only once");
			}
			found = given.get(0);
			foundName = name;
		}
		if (found != null && found.contains(",")) {
			throw new InvalidRequestException(foundName, "takes one value (no comma-separated alternatives)");
		}
		return found;
	}

	/**
	 * Every value of the parameter (a repeated parameter is an "and"), none when absent.
	 * @throws InvalidRequestException when a value has comma-separated alternatives
	 */
	public List<String> all(String name) {
		List<String> given = this.values.getOrDefault(name, List.of());
		for (String value : given) {
			if (value.contains(",")) {
				throw new InvalidRequestException(name, "takes one value each time (no comma-separated alternatives)");
			}
		}
		return given;
	}

	/**
	 * A token search value, {@code [system]|[code]} or {@code code}.
	 * @param name the parameter, for the error
	 * @param value the value, not null
	 * @param system the one system the parameter accepts
	 * @return the code
	 * @throws InvalidRequestException when the value names another system or has no code
	 */
	public static String token(String name, String value, String system) {
		String code = value;
		int bar = value.indexOf('|');
		if (bar >= 0) {
			String given = value.substring(0, bar);
			if (!given.isEmpty() && !given.equals(system)) {
				throw new InvalidRequestException(name, "the system must be " + system);
			}
			code = value.substring(bar + 1);
		}
		if (code.isBlank()) {
			throw new InvalidRequestException(name, "must be " + system + "|<code>");
		}
		return code;
	}

	/**
	 * The {@code _count} parameter: a page size from 1, cut to {@code max}; the default
	 * when absent.
	 * @throws InvalidRequestException when it is not a positive number
	 */
	public int count(int defaultCount, int max) {
		String value = single("_count");
		if (value == null) {
			return defaultCount;
		}
		int count;
		try {
			count = Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("_count", "must be a number from 1 (at most " + max + " are served)");
		}
		if (count < 1) {
			throw new InvalidRequestException("_count", "must be a number from 1 (at most " + max + " are served)");
		}
		return Math.min(count, max);
	}

}
