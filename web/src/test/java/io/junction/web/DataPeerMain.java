package io.junction.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.client.ClientDataChannels;
import io.junction.client.SfuParticipantClient;
import io.junction.dtls.DtlsCertificate;
import io.junction.sctp.assoc.SendStatus;
import io.junction.sctp.dcep.ChannelOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Java data participant for the browser suite (tests/data-interop.test.js through
 * lib/java-peer.js): the client module's {@link SfuParticipantClient} joins a room without media
 * and takes commands as JSON lines on stdin, reporting as JSON lines on stdout.
 *
 * <ul>
 * <li>{@code {"op":"send","label":L,"ordered":b,"maxRetransmits":n,"maxPacketLifeTime":n,"msgs":[...]}}:
 *     opens channel L with those options and sends each message (pattern of lib/data-parties.js);
 *     reports {@code sent}.</li>
 * <li>{@code {"op":"watch","label":L}}: reports {@code opened} (with the options) once channel L
 *     exists, then a {@code message} per message that arrives on it (envelope unwrapped, pattern
 *     checked).</li>
 * <li>{@code {"op":"reply","label":L,"seq":s}}: sends a one-character text on channel L.</li>
 * <li>{@code {"op":"quit"}} or end of input: leaves and exits.</li>
 * </ul>
 * Not a test itself; it runs in the test's network namespace, on the test classpath.
 */
public final class DataPeerMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private DataPeerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: DataPeerMain WS_URL ROOM NAME");
        }
        ExecutorService handshakes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "data-peer-handshake");
            t.setDaemon(true);
            return t;
        });
        SfuParticipantClient client = new SfuParticipantClient(URI.create(args[0]), args[1], args[2], false,
                DtlsCertificate.generate(), handshakes);
        ClientDataChannels data = client.dataChannels();
        String id = client.joined().get(30, TimeUnit.SECONDS);
        client.connected().get(30, TimeUnit.SECONDS);
        data.open("chat", ChannelOptions.RELIABLE).get(30, TimeUnit.SECONDS);
        emit(JSON.createObjectNode().put("ev", "ready").put("id", id)
                .put("maxMessageSize", data.maxMessageSize()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode cmd = JSON.readTree(line);
                String op = cmd.path("op").asText();
                if (op.equals("quit")) {
                    break;
                }
                try {
                    run(data, op, cmd);
                } catch (Exception e) {
                    emit(JSON.createObjectNode().put("ev", "error").put("op", op).put("message", String.valueOf(e)));
                }
            }
        } finally {
            client.close();
            handshakes.shutdownNow();
        }
        System.exit(0);
    }

    private static void run(ClientDataChannels data, String op, JsonNode cmd) throws Exception {
        String label = cmd.path("label").asText();
        switch (op) {
            case "send" -> {
                ChannelOptions o = ChannelOptions.RELIABLE;
                if (!cmd.path("ordered").asBoolean(true)) {
                    o = o.unordered();
                }
                if (cmd.hasNonNull("maxRetransmits")) {
                    o = o.withMaxRetransmits(cmd.get("maxRetransmits").asInt());
                }
                if (cmd.hasNonNull("maxPacketLifeTime")) {
                    o = o.withMaxPacketLifeTime(cmd.get("maxPacketLifeTime").asLong());
                }
                ClientDataChannels.Channel ch = data.open(label, o).get(20, TimeUnit.SECONDS);
                for (JsonNode m : cmd.path("msgs")) {
                    SendStatus s = m.path("kind").asText().equals("text")
                            ? ch.send(PeerPattern.text(m.path("seq").asInt(), m.path("size").asInt())).get(20, TimeUnit.SECONDS)
                            : ch.send(PeerPattern.binary(m.path("seq").asInt(), m.path("size").asInt())).get(20, TimeUnit.SECONDS);
                    if (s != SendStatus.OK) {
                        throw new IllegalStateException("send on " + label + ": " + s);
                    }
                }
                emit(JSON.createObjectNode().put("ev", "sent").put("label", label));
            }
            case "watch" -> data.channel(label).thenAccept(DataPeerMain::watch);
            case "reply" -> data.channel(label).get(20, TimeUnit.SECONDS)
                    .send(PeerPattern.text(cmd.path("seq").asInt(), 1)).get(20, TimeUnit.SECONDS);
            default -> throw new IllegalArgumentException("unknown op " + op);
        }
    }

    /** Reports the channel and then every message on it, from a thread of its own. */
    private static void watch(ClientDataChannels.Channel ch) {
        ChannelOptions o = ch.options();
        ObjectNode opened = JSON.createObjectNode().put("ev", "opened").put("label", ch.label())
                .put("ordered", o.ordered());
        if (o.maxRetransmits() >= 0) {
            opened.put("maxRetransmits", o.maxRetransmits());
        } else {
            opened.putNull("maxRetransmits");
        }
        if (o.maxPacketLifeTimeMs() >= 0) {
            opened.put("maxPacketLifeTime", o.maxPacketLifeTimeMs());
        } else {
            opened.putNull("maxPacketLifeTime");
        }
        emit(opened);
        Thread t = new Thread(() -> {
            try {
                for (;;) {
                    ClientDataChannels.Message m = ch.received().take();
                    ObjectNode ev = JSON.createObjectNode().put("ev", "message").put("label", ch.label())
                            .put("from", m.from());
                    if (m.isText()) {
                        PeerPattern.describeText(m.text(), ev.put("kind", "text"));
                    } else {
                        PeerPattern.describeBinary(m.binary(), ev.put("kind", "binary"));
                    }
                    emit(ev);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "data-peer-" + ch.label());
        t.setDaemon(true);
        t.start();
    }

    private static synchronized void emit(ObjectNode ev) {
        OUT.println(ev.toString());
    }
}
