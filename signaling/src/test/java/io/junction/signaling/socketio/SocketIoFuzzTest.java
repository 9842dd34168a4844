package io.junction.signaling.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.junction.signaling.ErrorCodes;
import io.junction.signaling.SignalCodec;
import io.junction.signaling.SignalDecodeException;
import io.junction.signaling.SignalMessage;
import io.socket.engineio.server.parser.Packet;
import io.socket.engineio.server.parser.Parser;
import io.socket.socketio.server.parser.IOParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Coverage-guided fuzz test of the socket.io front's decoding path as a long-polling body (or a
 * WebSocket text frame) reaches it: {@link EngineIoPackets}' check, then the library's Engine.IO
 * v4 payload decoder, its socket.io packet decoder, then {@link ClassicInbound} in every
 * dialect, the room engine's {@link SignalCodec}, and {@link ClassicOutbound} on the relayed
 * result.
 *
 * <p>Properties: a payload the check passes never makes the Engine.IO decoder throw; the socket.io
 * decoder fails only with an exception (which the library turns into a closed connection), never
 * an {@link Error}; {@link ClassicInbound} never throws and produces either a frame the codec
 * accepts or refuses with a protocol error code, or a rejection with a protocol code; relayed data
 * unwraps to what the classic client sent.
 */
class SocketIoFuzzTest {
    private static final Set<String> CODES = Set.of(ErrorCodes.BAD_JSON, ErrorCodes.BAD_MESSAGE, ErrorCodes.TOO_LARGE,
            ErrorCodes.NOT_IN_ROOM);
    private static final SignalCodec CODEC = new SignalCodec(64 * 1024);
    private static final ClassicDialect[] DIALECTS = {null, ClassicDialect.POSITIONAL, ClassicDialect.OBJECT,
            ClassicDialect.CODELAB};

    @FuzzTest
    void decode(byte[] input) throws Exception {
        String payload = new String(input, StandardCharsets.UTF_8);
        if (EngineIoPackets.payloadProblem(payload) != null) {
            return;
        }
        List<Packet<?>> packets = new ArrayList<>();
        Parser.PROTOCOL_V4.decodePayload(payload, (packet, index, total) -> {
            packets.add(packet);
            return true;
        });
        for (Packet<?> p : packets) {
            assertNotNull(p.type, "packet type");
            if (Packet.MESSAGE.equals(p.type) && p.data instanceof String s) {
                socketIo(s);
            }
        }
    }

    private static void socketIo(String text) throws Exception {
        List<io.socket.socketio.server.parser.Packet<?>> decoded = new ArrayList<>();
        IOParser.Decoder decoder = new IOParser.Decoder();
        decoder.onDecoded(decoded::add);
        try {
            decoder.add(text);
        } catch (RuntimeException e) {
            return; // the library closes such a connection (SocketIoClient's "data" listener)
        }
        for (io.socket.socketio.server.parser.Packet<?> p : decoded) {
            if (p.type == IOParser.EVENT && p.data instanceof JSONArray array && array.length() > 0) {
                Object[] args = new Object[array.length() - 1];
                for (int i = 1; i < array.length(); i++) {
                    Object v = array.get(i);
                    args[i - 1] = v == JSONObject.NULL ? null : v;
                }
                String event = array.get(0).toString();
                for (ClassicDialect d : DIALECTS) {
                    inbound(d, event, args);
                }
            }
        }
    }

    private static void inbound(ClassicDialect dialect, String event, Object[] args) throws Exception {
        ClassicInbound.Decision d = ClassicInbound.decode(dialect, "room-1", event, args,
                ClassicInbound.Credentials.NONE);
        if (d.isRejection()) {
            assertTrue(CODES.contains(d.code()), d.code());
            assertNotNull(d.message());
            return;
        }
        if (!d.isFrame()) {
            return;
        }
        SignalMessage.Client m;
        try {
            m = CODEC.decode(d.frame());
        } catch (SignalDecodeException e) {
            assertTrue(CODES.contains(e.code()), e.code());
            return;
        }
        if (!(m instanceof SignalMessage.Message message)) {
            return;
        }
        String relayed = CODEC.encode(new SignalMessage.Relayed(message.room(), "p1", message.data()));
        for (ClassicDialect to : ClassicDialect.values()) {
            ClassicOutbound out = new ClassicOutbound("sid");
            out.dialect(to);
            List<ClassicOutbound.Emit> emits = out.translate(relayed);
            assertEquals(1, emits.size());
            assertEquals("message", emits.get(0).event());
        }
    }
}
