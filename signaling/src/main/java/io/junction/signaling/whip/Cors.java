package io.junction.signaling.whip;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;

/**
 * CORS headers of the WHIP/WHEP endpoints (Fetch standard, "CORS protocol"): a browser page of an
 * allowed origin may POST offers and PATCH/DELETE its session, sending {@code Authorization},
 * {@code Content-Type} and {@code If-Match}, and may read {@code Location}, {@code ETag},
 * {@code Link} and {@code Accept-Patch}.
 */
final class Cors {
    private Cors() {
    }

    /** Headers on every response to a request with an (allowed) {@code Origin}. */
    static void addTo(Response response, String origin) {
        if (origin == null) {
            return;
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.getHeaders().add(HttpHeader.VARY, "Origin");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Location, ETag, Link, Accept-Patch");
    }

    /** An {@code OPTIONS} answer: the methods of the endpoint or resource (RFC 9725 section 4.2). */
    static void preflight(Response response, boolean resource) {
        String methods = resource ? "PATCH, DELETE, OPTIONS" : "POST, OPTIONS";
        response.getHeaders().put(HttpHeader.ALLOW, methods);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, methods);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, If-Match");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        if (resource) {
            response.getHeaders().put("Accept-Patch", WhipHandler.SDPFRAG);
        } else {
            response.getHeaders().put("Accept-Post", WhipHandler.SDP);
        }
    }
}
