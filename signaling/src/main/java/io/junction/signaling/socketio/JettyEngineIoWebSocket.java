package io.junction.signaling.socketio;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Engine.IO WebSocket transport over Jetty 12's WebSocket API: text frames carry Engine.IO
 * packets both ways (Engine.IO protocol v4, "WebSocket"). Sends are asynchronous; more than
 * {@code maxInFlight} unfinished sends (a reader that does not keep up) close the socket.
 * Binary frames, which the classic clients never send, and malformed packets
 * ({@link EngineIoPackets}) close it with status 1003 and the reason.
 * Public only because Jetty invokes listener methods through method handles; not an API.
 */
public final class JettyEngineIoWebSocket extends EngineIoWebSocket implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(JettyEngineIoWebSocket.class);

    private final EngineIoServer engineIo;
    private final Map<String, String> query;
    private final Map<String, List<String>> headers;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Session session;

    JettyEngineIoWebSocket(EngineIoServer engineIo, Map<String, String> query, Map<String, List<String>> headers,
                           int maxInFlight) {
        this.engineIo = engineIo;
        this.query = query;
        this.headers = headers;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public Map<String, String> getQuery() {
        return query;
    }

    @Override
    public Map<String, List<String>> getConnectionHeaders() {
        return headers;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        engineIo.handleWebSocket(this);
    }

    @Override
    public void onWebSocketText(String message) {
        String problem = EngineIoPackets.problem(message);
        if (problem != null) {
            LOG.debug("socket.io WebSocket closed: {}", problem);
            close(StatusCode.BAD_DATA, problem);
            return;
        }
        emit("message", message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        LOG.debug("binary frame on a socket.io WebSocket, closing it");
        close(StatusCode.BAD_DATA, "binary frames are not used by this server");
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        emit("error", "websocket error", String.valueOf(cause.getMessage()));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        emit("close");
    }

    @Override
    public void write(String message) {
        Session s = session;
        if (s == null) {
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            LOG.info("socket.io client does not read: {} sends pending, closing", maxInFlight);
            close(StatusCode.POLICY_VIOLATION, "protocol-closed");
            return;
        }
        s.sendText(message, Callback.from(inFlight::decrementAndGet, t -> inFlight.decrementAndGet()));
    }

    @Override
    public void write(byte[] message) {
        Session s = session;
        if (s != null) {
            s.sendBinary(ByteBuffer.wrap(message), Callback.NOOP);
        }
    }

    @Override
    public void close() {
        close(StatusCode.NORMAL, null);
    }

    private void close(int status, String reason) {
        Session s = session;
        if (s != null) {
            s.close(status, reason, Callback.NOOP);
        }
    }
}
