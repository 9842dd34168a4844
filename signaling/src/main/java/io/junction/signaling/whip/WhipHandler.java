package io.junction.signaling.whip;

import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.signaling.SignalMessage;
import io.junction.signaling.SignalingOptions;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The HTTP side of WHIP (RFC 9725) and WHEP (PROTOCOL.md "WHIP and WHEP"):
 * <pre>
 *   POST    /whip/{room}                 application/sdp offer → 201, answer, Location, ETag
 *   POST    /whep/{room}[/{participant}] application/sdp offer (recvonly) → 201, answer, Location, ETag
 *   PATCH   /whi[pe]/{room}/s/{id}       application/trickle-ice-sdpfrag → 204 (trickle), 422 (ICE restart)
 *   DELETE  /whi[pe]/{room}/s/{id}       → 200, the participant leaves
 *   OPTIONS any of the above             → 204 with CORS and Accept-Post / Accept-Patch
 * </pre>
 * Bodies are bounded by the signaling frame limit ({@code maxFrameBytes}, 413 beyond). Errors are
 * answered with a {@code text/plain} reason. Declines every path outside {@code /whip/} and
 * {@code /whep/}.
 */
final class WhipHandler extends Handler.Abstract {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WhipHandler.class);
    static final String SDP = "application/sdp";
    static final String SDPFRAG = "application/trickle-ice-sdpfrag";
    private static final long READ_SECONDS = 10;

    private final WhipFront front;
    private final SignalingOptions options;

    WhipHandler(WhipFront front, SignalingOptions options) {
        this.front = front;
        this.options = options;
    }

    /** A request path split into its parts; null when it is not a WHIP/WHEP path at all. */
    record Route(WhipSession.Kind kind, String room, String participant, String sessionId) {
        boolean isResource() {
            return sessionId != null;
        }

        /** {@code /whip/r}, {@code /whep/r}, {@code /whep/r/p}, {@code /whi[pe]/r/s/id}; else {@code room} null. */
        static Route parse(String path) {
            WhipSession.Kind kind = path.startsWith("/whip/") ? WhipSession.Kind.WHIP
                    : path.startsWith("/whep/") ? WhipSession.Kind.WHEP : null;
            if (kind == null) {
                return null;
            }
            String[] parts = path.substring(6).split("/", -1);
            if (parts.length == 1 && !parts[0].isEmpty()) {
                return new Route(kind, parts[0], null, null);
            }
            if (parts.length == 2 && kind == WhipSession.Kind.WHEP && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                return new Route(kind, parts[0], parts[1], null);
            }
            if (parts.length == 3 && parts[1].equals("s") && !parts[0].isEmpty() && !parts[2].isEmpty()) {
                return new Route(kind, parts[0], null, parts[2]);
            }
            return new Route(kind, null, null, null);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Route route = Route.parse(Request.getPathInContext(request));
        if (route == null) {
            return false;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!front.originAllowed(origin)) {
            return reply(response, callback, 403, "origin not allowed");
        }
        Cors.addTo(response, origin);
        if (route.room() == null) {
            return reply(response, callback, 404, "no such WHIP/WHEP resource");
        }
        String method = request.getMethod();
        try {
            if (method.equals("OPTIONS")) {
                Cors.preflight(response, route.isResource());
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
            if (!route.isResource()) {
                if (!method.equals("POST")) {
                    response.getHeaders().put(HttpHeader.ALLOW, "POST, OPTIONS");
                    return reply(response, callback, 405, "use POST with an SDP offer");
                }
                return create(request, response, callback, route);
            }
            WhipSession s = front.session(route.sessionId());
            if (s == null || s.kind() != route.kind() || !s.room().equals(route.room())) {
                return reply(response, callback, 404, "no such session");
            }
            if (!s.authorizes(bearer(request))) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                return reply(response, callback, 401, "the session's bearer token is required");
            }
            return switch (method) {
                case "DELETE" -> {
                    front.end(s);
                    yield reply(response, callback, 200, "session ended");
                }
                case "PATCH" -> patch(request, response, callback, s);
                default -> {
                    response.getHeaders().put(HttpHeader.ALLOW, "PATCH, DELETE, OPTIONS");
                    yield reply(response, callback, 405, "use PATCH or DELETE on a session");
                }
            };
        } catch (WhipError e) {
            if (e.status() == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            }
            return reply(response, callback, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, Request.getPathInContext(request), e);
            return reply(response, callback, 500, "internal error");
        }
    }

    private boolean create(Request request, Response response, Callback callback, Route route) throws WhipError {
        requireType(request, SDP);
        String offer = body(request);
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        WhipFront.Created c = front.start(route.kind(), route.room(), route.participant(), query.getValue("name"),
                bearer(request), Request.getRemoteAddr(request), offer);
        String base = route.kind() == WhipSession.Kind.WHIP ? "/whip/" : "/whep/";
        response.setStatus(201);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, SDP);
        String context = Request.getContextPath(request);
        response.getHeaders().put(HttpHeader.LOCATION,
                (context == null ? "" : context) + base + route.room() + "/s/" + c.session().id());
        response.getHeaders().put(HttpHeader.ETAG, c.session().etag());
        response.getHeaders().put("Accept-Patch", SDPFRAG);
        for (SignalMessage.IceServer ice : front.iceServers()) {
            for (String url : ice.urls()) {
                response.getHeaders().add(HttpHeader.LINK, IceLinks.link(url, ice.username(), ice.credential()));
            }
        }
        response.write(true, BufferUtil.toBuffer(c.answer(), StandardCharsets.UTF_8), callback);
        return true;
    }

    /** RFC 9725 section 4.3.1 (trickle, 204) and 4.3.2 (ICE restart: not supported, 422). */
    private boolean patch(Request request, Response response, Callback callback, WhipSession s) throws WhipError {
        requireType(request, SDPFRAG);
        String ifMatch = request.getHeaders().get(HttpHeader.IF_MATCH);
        boolean restart = "*".equals(ifMatch == null ? null : ifMatch.trim());
        if (ifMatch != null && !restart && !ifMatch.trim().equals(s.etag())) {
            return reply(response, callback, 412, "If-Match does not name this session's ICE session " + s.etag());
        }
        SdpFrag frag;
        try {
            frag = SdpFrag.parse(body(request));
        } catch (SdpFrag.ParseException e) {
            return reply(response, callback, 400, "bad sdpfrag: " + e.getMessage());
        }
        if (restart || frag.ufrag() != null && s.clientUfrag() != null && !frag.ufrag().equals(s.clientUfrag())) {
            return reply(response, callback, 422, "ICE restart is not supported: end the session with DELETE and "
                    + "POST a new offer");
        }
        for (SdpFrag.Candidate c : frag.candidates()) {
            try {
                s.media().onClientNegotiation(new Negotiation.Candidate(c.value(), c.mid(), c.mLineIndex()));
            } catch (NegotiationException e) {
                return reply(response, callback, 400, "bad candidate: " + e.getMessage());
            }
        }
        response.setStatus(204);
        callback.succeeded();
        return true;
    }

    private static void requireType(Request request, String wanted) throws WhipError {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String bare = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!bare.equals(wanted)) {
            throw new WhipError(415, "Content-Type must be " + wanted + (type == null ? "" : ", was " + type));
        }
    }

    /** The body as UTF-8, at most {@code maxFrameBytes} (413 beyond, 400 when not UTF-8). */
    private String body(Request request) throws WhipError {
        int max = options.maxFrameBytes();
        long declared = request.getLength();
        if (declared > max) {
            throw new WhipError(413, "the body is " + declared + " bytes; the limit is " + max);
        }
        byte[] bytes;
        try {
            bytes = Content.Source.asByteArrayAsync(request, max).get(READ_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new WhipError(413, "the body is over the limit of " + max + " bytes or could not be read");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WhipError(503, "interrupted");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new WhipError(408, "the body did not arrive within " + READ_SECONDS + " s");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new WhipError(400, "the body is not UTF-8");
        }
    }

    /** The token of {@code Authorization: Bearer <token>} (RFC 6750 section 2.1), null when absent. */
    static String bearer(Request request) {
        HttpField f = request.getHeaders().getField(HttpHeader.AUTHORIZATION);
        if (f == null) {
            return null;
        }
        String v = f.getValue().trim();
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).trim() : null;
    }

    private static boolean reply(Response response, Callback callback, int status, String reason) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, BufferUtil.toBuffer(reason + "\n", StandardCharsets.UTF_8), callback);
        return true;
    }
}
