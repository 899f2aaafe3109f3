package care.concord.server.web;

import org.springframework.web.util.HtmlUtils;

/**
 * The frame of the few pages the server writes itself (sign-in, start page): the
 * console's stylesheet ({@code /console/css/console.css}), its header and footer, no
 * scripts and no other resources, so that they look like the console and work under a
 * strict content security policy.
 */
public final class HtmlPages {

	private HtmlPages() {
	}

	/** Escapes text for HTML element content and attribute values. */
	public static String escape(String text) {
		return (text != null) ? HtmlUtils.htmlEscape(text) : "";
	}

	/**
	 * A whole page: {@code title} (plain text) in the title element, {@code mainHtml}
	 * (already escaped HTML) in {@code <main>}.
	 */
	public static String page(String contextPath, String title, String mainHtml) {
		String base = escape(contextPath);
		return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
				+ " - Concord</title>\n<link rel=\"stylesheet\" href=\"" + base + "/console/css/console.css\">\n"
				+ "<link rel=\"icon\" href=\"" + base + "/favicon.ico\">\n</head>\n<body>\n"
				+ "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n"
				+ "<header class=\"site-header\">\n<div class=\"header-inner\">\n<a class=\"brand\" href=\"" + base
				+ "/\">\n<svg class=\"brand-mark\" viewBox=\"0 0 32 32\" width=\"32\" height=\"32\" aria-hidden=\"true\" "
				+ "focusable=\"false\"><circle cx=\"16\" cy=\"16\" r=\"14\" fill=\"none\" stroke=\"currentColor\" "
				+ "stroke-width=\"3\"/><path d=\"M10 16.5l4 4 8-9\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\" "
				+ "stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>\n<span>Concord</span>\n</a>\n</div>\n"
				+ "</header>\n<main id=\"main\" class=\"container\" tabindex=\"-1\">\n" + mainHtml + "</main>\n"
				+ "<footer class=\"site-footer\">\n<div class=\"container\">\n<p>Concord identity and consent service.</p>\n"
				+ "</div>\n</footer>\n</body>\n</html>\n";
	}

}
