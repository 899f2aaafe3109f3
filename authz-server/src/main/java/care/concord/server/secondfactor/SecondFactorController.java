package care.concord.server.secondfactor;

import java.io.IOException;
import java.util.Map;

import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.web.ProblemException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The second-factor page ({@value SecondFactor#PAGE}), plain accessible HTML like the
 * login page, and the administrators' reset of a person's second factor ({@code POST
 * /api/admin/people/{username}/second-factor/reset}: the person enrols again at their
 * next sign-in; audited).
 */
@RestController
public class SecondFactorController {

	private final SecondFactor secondFactor;

	private final TotpStore store;

	private final AuditLog auditLog;

	public SecondFactorController(SecondFactor secondFactor, TotpStore store, AuditLog auditLog) {
		this.secondFactor = secondFactor;
		this.store = store;
		this.auditLog = auditLog;
	}

	@GetMapping(path = SecondFactor.PAGE, produces = MediaType.TEXT_HTML_VALUE)
	public ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Authentication pending = this.secondFactor.pending(request);
		if (pending == null) {
			response.sendRedirect(request.getContextPath() + "/login");
			return null;
		}
		return page(request, pending, false);
	}

	@PostMapping(path = SecondFactor.PAGE, produces = MediaType.TEXT_HTML_VALUE)
	public ResponseEntity<String> verify(@RequestParam(name = "code", required = false) String code,
			HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
		Authentication pending = this.secondFactor.pending(request);
		if (pending == null) {
			response.sendRedirect(request.getContextPath() + "/login");
			return null;
		}
		if (this.secondFactor.verify(request, response, (code != null) ? code.strip() : null)) {
			this.secondFactor.proceed(request, response);
			return null;
		}
		if (this.secondFactor.pending(request) == null) {
			response.sendRedirect(request.getContextPath() + "/login?error");
			return null;
		}
		return page(request, pending, true);
	}

	@PostMapping("/api/admin/people/{username}/second-factor/reset")
	public Map<String, Object> reset(@PathVariable String username, Authentication admin) {
		if (!this.store.reset(username)) {
			throw ProblemException.notFound("second factor of " + username);
		}
		this.auditLog.append(AuditEvent.builder(AuditEventType.ADMIN_ACTION, AuditActor.user(admin.getName()))
			.permit("second-factor-reset")
			.detail("username", username)
			.build());
		return Map.of("username", username, "second_factor", "reset");
	}

	private ResponseEntity<String> page(HttpServletRequest request, Authentication pending, boolean wrong) {
		TotpStore.Secret secret = this.secondFactor.secret(pending);
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		StringBuilder html = new StringBuilder(2048);
		html.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>Enter your security code - Concord</title>\n")
			.append("<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;")
			.append("line-height:1.5}label{display:block;margin-top:1rem;font-weight:600}")
			.append("input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}")
			.append("button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}code{word-break:break-all}")
			.append(".alert{border-left:4px solid #d4351c;padding:.5rem 1rem}</style>\n</head>\n<body>\n<main>\n")
			.append("<h1>Enter your security code</h1>\n");
		if (wrong) {
			html.append("<p class=\"alert\" role=\"alert\">That code is not right, or was already used. ")
				.append("Enter the current code.</p>\n");
		}
		if (!secret.confirmed()) {
			html.append("<p>Your role needs a second factor. Add this account to an authenticator app, then enter ")
				.append("the 6-digit code it shows.</p>\n<p>Secret key: <code id=\"totp-secret\">")
				.append(HtmlUtils.htmlEscape(secret.secret()))
				.append("</code></p>\n<p>Or open: <code id=\"totp-uri\">")
				.append(HtmlUtils.htmlEscape(this.secondFactor.otpauthUri(pending, secret)))
				.append("</code></p>\n");
		}
		html.append("<form method=\"post\" action=\"")
			.append(HtmlUtils.htmlEscape(request.getContextPath() + SecondFactor.PAGE))
			.append("\">\n<label for=\"code\">6-digit code from your authenticator app</label>\n")
			.append("<input id=\"code\" name=\"code\" type=\"text\" inputmode=\"numeric\" pattern=\"[0-9]{6}\" ")
			.append("autocomplete=\"one-time-code\" required autofocus>\n");
		if (csrf != null) {
			html.append("<input type=\"hidden\" name=\"")
				.append(HtmlUtils.htmlEscape(csrf.getParameterName()))
				.append("\" value=\"")
				.append(HtmlUtils.htmlEscape(csrf.getToken()))
				.append("\">\n");
		}
		html.append("<button type=\"submit\">Continue</button>\n</form>\n</main>\n</body>\n</html>\n");
		return ResponseEntity.status(wrong ? HttpStatus.UNAUTHORIZED : HttpStatus.OK)
			.contentType(MediaType.TEXT_HTML)
			.body(html.toString());
	}

}
