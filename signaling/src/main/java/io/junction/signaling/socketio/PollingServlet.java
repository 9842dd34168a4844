package io.junction.signaling.socketio;

import io.junction.signaling.SignalingServer;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.utils.ParseQS;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine.IO v4 long-polling (GET waits for packets, POST delivers them) in front of the
 * library's polling transport. Checked here first: the {@code Origin} against the server's
 * allow-list (403), the protocol version ({@code EIO=4}, else 400), and a POST body's size
 * (a {@code Content-Length} is required, 411, and at most {@code maxBody} bytes, 413), which is
 * then read whole and its packets checked ({@link EngineIoPackets}, else 400) before the library
 * sees it. CORS answers (RFC 6454 origins, Fetch standard
 * "CORS protocol") go to allowed origins only.
 */
final class PollingServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(PollingServlet.class);

    private final transient EngineIoServer engineIo;
    private final transient SignalingServer signaling;
    private final transient Consumer<String> onPoll;
    private final int maxBody;

    /** @param onPoll told the Engine.IO session id of every GET poll */
    PollingServlet(EngineIoServer engineIo, SignalingServer signaling, Consumer<String> onPoll, int maxBody) {
        this.engineIo = engineIo;
        this.signaling = signaling;
        this.onPoll = onPoll;
        this.maxBody = maxBody;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = request.getHeader("Origin");
        if (!signaling.allowsOrigin(origin)) {
            LOG.info("socket.io request refused: origin {} is not allowed", origin);
            plain(response, HttpServletResponse.SC_FORBIDDEN, "origin not allowed");
            return;
        }
        if (origin != null) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Vary", "Origin");
        }
        String method = request.getMethod();
        if ("OPTIONS".equals(method)) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", "content-type");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        Map<String, String> query = ParseQS.decode(request.getQueryString());
        if (!"4".equals(query.get("EIO")) || query.containsKey("j")) {
            plain(response, HttpServletResponse.SC_BAD_REQUEST, "only Engine.IO protocol 4 (socket.io 3 and 4 clients)");
            return;
        }
        HttpServletRequest forward = request;
        if ("POST".equals(method)) {
            long length = request.getContentLengthLong();
            if (length < 0) {
                plain(response, HttpServletResponse.SC_LENGTH_REQUIRED, "a Content-Length is required");
                return;
            }
            if (length > maxBody) {
                plain(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "body larger than " + maxBody + " bytes");
                return;
            }
            byte[] body = readFully(request.getInputStream(), (int) length);
            if (body == null) {
                plain(response, HttpServletResponse.SC_BAD_REQUEST, "body shorter than its Content-Length");
                return;
            }
            String problem = EngineIoPackets.payloadProblem(new String(body, StandardCharsets.UTF_8));
            if (problem != null) {
                LOG.debug("socket.io long-polling body refused: {}", problem);
                plain(response, HttpServletResponse.SC_BAD_REQUEST, problem);
                return;
            }
            forward = new BufferedBodyRequest(request, body);
        } else if ("GET".equals(method)) {
            String sid = query.get("sid");
            if (sid != null) {
                onPoll.accept(sid);
            }
        } else {
            plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "GET, POST or OPTIONS");
            return;
        }
        engineIo.handleRequest(forward, response);
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int n = in.readNBytes(body, 0, length);
        return n == length ? body : null;
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().write(text);
    }
}
