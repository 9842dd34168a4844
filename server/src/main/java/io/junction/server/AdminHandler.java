package io.junction.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.sfu.view.RoomView;
import io.junction.signaling.RoomMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The operator's HTTP surface: {@code GET /health} (always open), {@code /api/rooms},
 * {@code /api/rooms/{room}} (JSON) and {@code /metrics} (Prometheus text). When an admin token is
 * configured the last three need {@code Authorization: Bearer <token>} (401 otherwise). Declines
 * every other path so that it can sit in front of other handlers.
 */
final class AdminHandler extends Handler.Abstract {
    private static final String ROOMS = "/api/rooms";
    private static final String CLUSTER = "/api/cluster";
    private final Junction junction;
    private final byte[] token;
    private final ObjectMapper json = new ObjectMapper();

    AdminHandler(Junction junction, String token) {
        this.junction = junction;
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if ("/health".equals(path)) {
            return reply(response, callback, 200, "text/plain; charset=utf-8", "ok");
        }
        boolean rooms = path.equals(ROOMS) || path.startsWith(ROOMS + "/");
        if (!rooms && !"/metrics".equals(path) && !CLUSTER.equals(path)) {
            return false;
        }
        if (!authorized(request)) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            return reply(response, callback, 401, "application/json", "{\"error\":\"unauthorized\"}");
        }
        if (!"GET".equals(request.getMethod())) {
            return reply(response, callback, 405, "application/json", "{\"error\":\"method not allowed\"}");
        }
        if ("/metrics".equals(path)) {
            return reply(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", junction.scrapeMetrics());
        }
        if (path.equals(CLUSTER)) {
            return reply(response, callback, 200, "application/json", json.writeValueAsString(ClusterJson.of(junction, json)));
        }
        if (path.equals(ROOMS)) {
            return reply(response, callback, 200, "application/json", json.writeValueAsString(roomList()));
        }
        String name = path.substring(ROOMS.length() + 1);
        ObjectNode room = room(name);
        if (room == null) {
            return reply(response, callback, 404, "application/json", "{\"error\":\"no such room\"}");
        }
        return reply(response, callback, 200, "application/json", json.writeValueAsString(room));
    }

    private boolean authorized(Request request) {
        if (token == null) {
            return true;
        }
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return h != null && MessageDigest.isEqual(token, h.getBytes(StandardCharsets.US_ASCII));
    }

    /** Rooms known to signaling (any mode) and to the engine (media-only API rooms too). */
    private ObjectNode roomList() {
        Map<String, Integer> sizes = new TreeMap<>(junction.signaling().rooms().roomSizes());
        Map<String, Integer> tracks = new TreeMap<>();
        for (RoomView r : junction.rooms()) {
            sizes.putIfAbsent(r.name(), r.participants().size());
            tracks.put(r.name(), r.tracks().size());
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("rooms");
        sizes.forEach((name, n) -> list.addObject().put("name", name).put("mode", mode(name))
                .put("participants", n).put("tracks", tracks.getOrDefault(name, 0)));
        return out;
    }

    private ObjectNode room(String name) {
        var size = junction.signaling().rooms().roomSize(name);
        Optional<RoomView> view = junction.room(name);
        if (size.isEmpty() && view.isEmpty()) {
            return null;
        }
        ObjectNode out = json.createObjectNode().put("name", name).put("mode", mode(name))
                .put("size", size.orElse(view.map(v -> v.participants().size()).orElse(0)));
        if (junction.signaling().rooms().roomMode(name).orElse(RoomMode.SFU) == RoomMode.P2P) {
            // media never reaches the server: list who is in the room as signaling knows them
            out.set("participants", json.valueToTree(junction.signaling().rooms().members(name)));
        } else {
            out.set("participants", json.valueToTree(view.map(RoomView::participants).orElse(java.util.List.of())));
            junction.data().stats(name).ifPresent(d -> out.set("data", json.valueToTree(d)));
        }
        return out;
    }

    private String mode(String name) {
        return junction.signaling().rooms().roomMode(name).orElse(RoomMode.SFU).wireName();
    }

    private static boolean reply(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, BufferUtil.toBuffer(body, StandardCharsets.UTF_8), callback);
        return true;
    }
}
