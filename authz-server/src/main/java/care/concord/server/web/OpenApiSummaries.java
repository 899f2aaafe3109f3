package care.concord.server.web;

import java.util.Locale;

/** Operation summaries from handler names, for operations that do not state one. */
final class OpenApiSummaries {

	private OpenApiSummaries() {
	}

	/**
	 * {@code ("listClients", "AgencyAdminController")} reads "List clients (agency
	 * admin)".
	 */
	static String of(String method, String controller) {
		String area = words(controller.replaceAll("Controller$", ""));
		String action = words(method);
		String summary = action.isEmpty() ? area : Character.toUpperCase(action.charAt(0)) + action.substring(1);
		return area.isEmpty() ? summary : summary + " (" + area + ")";
	}

	private static String words(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').trim().toLowerCase(Locale.ROOT);
	}

}
