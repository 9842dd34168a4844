package io.junction.signaling;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP surface's hardening: every response (the page, {@code /api/*}, {@code /metrics},
 * {@code /health}, the WebSocket upgrade and error pages) carries a Content-Security-Policy fitted
 * to the page (its own scripts, styles and WebSocket only; no framing), {@code nosniff},
 * {@code X-Frame-Options: DENY} and {@code Referrer-Policy: no-referrer}; no {@code Server}
 * header; error pages are a plain-text status line without Jetty's name.
 */
public final class SecurityHeaders {
    /**
     * The page loads only its own module scripts and stylesheet (index.html, js/, css/), opens
     * its own {@code /ws}, shows camera streams through {@code srcObject}, and has a data: favicon.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; media-src 'self' blob: mediastream:; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final HttpField[] FIELDS = {
        new HttpField("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        new HttpField("X-Content-Type-Options", "nosniff"),
        new HttpField("X-Frame-Options", "DENY"),
        new HttpField("Referrer-Policy", "no-referrer"),
    };

    private SecurityHeaders() {
    }

    /** Adds the headers to {@code headers} (replacing earlier values). */
    static void addTo(HttpFields.Mutable headers) {
        for (HttpField f : FIELDS) {
            headers.put(f);
        }
    }

    /** {@code next} behind a wrapper that puts the headers on every response before it runs. */
    public static Handler.Wrapper wrap(Handler next) {
        Handler.Wrapper w = new Handler.Wrapper() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                addTo(response.getHeaders());
                return super.handle(request, response, callback);
            }
        };
        w.setHandler(next);
        return w;
    }

    /**
     * Hides the server's identity and version on {@code server}: no {@code Server} header on any
     * connector, and an error handler that answers {@code <code> <reason>} in plain text with the
     * security headers. Call after the connectors are added.
     */
    public static void harden(Server server) {
        for (Connector c : server.getConnectors()) {
            HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setSendServerVersion(false);
                http.getHttpConfiguration().setSendXPoweredBy(false);
            }
        }
        server.setErrorHandler(SecurityHeaders::writeError);
    }

    private static boolean writeError(Request request, Response response, Callback callback) {
        int status = response.getStatus() > 0 ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR_500;
        String reason = HttpStatus.getMessage(status);
        addTo(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap((status + " " + reason + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
