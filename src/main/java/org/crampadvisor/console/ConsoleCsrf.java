package org.crampadvisor.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * CSRF protection of the console's forms (double-submit cookie): every page gives its forms the token held
 * in an HttpOnly, SameSite=Strict cookie of the console's path, and every console POST must send it back as
 * the form field {@code csrf-token}. Another site can make a browser send the cookie, but cannot read it to
 * put it in a form.
 * <p>
 * Not quarkus-rest-csrf: its filter applies to every endpoint of the application, and refuses any POST
 * that lacks its cookie with a bare 400 (with {@code verify-token=false}), or any form-typed POST without it
 * (with {@code verify-token=true}); API clients, which send no console cookie, would be refused that way.
 */
final class ConsoleCsrf {

    static final String FIELD = "csrf-token";
    static final String COOKIE = "console-csrf";
    private static final String ISSUED = ConsoleCsrf.class.getName() + ".token";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleCsrf() {
    }

    /** The token of this browser, issued (as a cookie on this answer) if it has none yet. */
    static String issue(RoutingContext context) {
        if (context == null) {
            return null;
        }
        String issued = context.get(ISSUED);
        if (issued != null) {
            return issued;
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        String token = cookie != null && WELL_FORMED.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            context.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/console").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setSecure(context.request().isSSL()));
        }
        context.put(ISSUED, token);
        return token;
    }

    /** Whether the form sent back the token of this browser's cookie. */
    static boolean accept(RoutingContext context, String formToken) {
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || !WELL_FORMED.matcher(cookie.getValue()).matches() || formToken == null) {
            return false;
        }
        return MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.UTF_8),
                formToken.getBytes(StandardCharsets.UTF_8));
    }
}
