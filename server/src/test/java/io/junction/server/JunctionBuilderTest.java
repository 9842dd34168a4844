package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.signaling.RoomMode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every bad option is refused at {@code build()}, naming the option and its allowed range. */
class JunctionBuilderTest {

    private record Row(String option, String expected, UnaryOperator<JunctionBuilder> change) {
    }

    private static final List<Row> BAD = List.of(
            new Row("httpPort", "httpPort must be in 0..65535", b -> b.httpPort(-1)),
            new Row("httpPort", "httpPort must be in 0..65535", b -> b.httpPort(65536)),
            new Row("mediaPort", "mediaPort must be in 0..65535", b -> b.mediaPort(70000)),
            new Row("bindAddress", "bindAddress must be null", b -> b.bindAddress(" ")),
            new Row("mediaBindAddress", "mediaBindAddress must be null", b -> b.mediaBindAddress("")),
            new Row("announce", "announce must hold non-blank", b -> b.announce("127.0.0.1", " ")),
            new Row("defaultMode", "defaultMode must not be null", b -> b.defaultMode(null)),
            new Row("roomCapacity", "roomCapacity must be in 1..10000", b -> b.roomCapacity(-1)),
            new Row("roomCapacity", "roomCapacity must be in 1..10000", b -> b.roomCapacity(10001)),
            new Row("authenticator", "authenticator must not be null", b -> b.authenticator(null)),
            new Row("listener", "listener must not be null", b -> b.listener(null)),
            new Row("adminToken", "adminToken must be null or 8+", b -> b.adminToken("short")),
            new Row("adminToken", "adminToken must be null or 8+", b -> b.adminToken("has a space in it")),
            new Row("maxFrameBytes", "maxFrameBytes must be in 1024..16777216", b -> b.maxFrameBytes(100)),
            new Row("ratePerSecond", "ratePerSecond must be in (0, 10000]", b -> b.rateLimit(0, 10)),
            new Row("ratePerSecond", "ratePerSecond must be in (0, 10000]", b -> b.rateLimit(Double.NaN, 10)),
            new Row("rateBurst", "rateBurst must be in 1..100000", b -> b.rateLimit(10, 0)),
            new Row("workerThreads", "workerThreads must be in 1..256", b -> b.workerThreads(0)),
            new Row("maxRooms", "maxRooms must be in 1..1000000", b -> b.maxRooms(0)),
            new Row("maxTracksPerParticipant", "maxTracksPerParticipant must be in 1..256",
                    b -> b.maxTracksPerParticipant(257)),
            new Row("handshakeTimeout", "handshakeTimeout must be in 1..60 s",
                    b -> b.handshakeTimeout(java.time.Duration.ofMillis(999))),
            new Row("handshakeTimeout", "handshakeTimeout must be in 1..60 s", b -> b.handshakeTimeout(null)),
            new Row("maxHalfOpenPerSource", "maxHalfOpenPerSource must be in 1..1000",
                    b -> b.maxHalfOpenPerSource(0)),
            new Row("maxHalfOpenPerSource", "maxHalfOpenPerSource must be in 1..1000",
                    b -> b.maxHalfOpenPerSource(1001)),
            new Row("mediaSocketBuffer", "mediaSocketBuffer must be 0 (kernel default) or in 65536..268435456",
                    b -> b.mediaSocketBuffer(1024)),
            new Row("handshakeThreads", "handshakeThreads must be in 1..256", b -> b.handshakeThreads(0)),
            new Row("handshakeThreads", "handshakeThreads must be in 1..256", b -> b.handshakeThreads(257)),
            new Row("tlsKeystore", "tlsKeystore must be a readable PKCS12 file",
                    b -> b.tlsKeystore(Path.of("/nonexistent/keystore.p12"), "x")),
            new Row("iceAllowedNetworks", "iceAllowedNetworks: '10.0.0.0/33'",
                    b -> b.iceAllowedNetworks(List.of("10.0.0.0/33"))),
            new Row("iceAllowedNetworks", "iceAllowedNetworks: '192.168.1.1/24'",
                    b -> b.iceAllowedNetworks(List.of("127.0.0.0/8", "192.168.1.1/24"))),
            new Row("iceAllowedNetworks", "iceAllowedNetworks must not be null", b -> b.iceAllowedNetworks(null)));

    @Test
    void everyBadOptionIsNamedWithItsRange() {
        for (Row row : BAD) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> row.change().apply(Junction.builder()).build(), row.option());
            assertTrue(e.getMessage().startsWith(row.expected()), row.option() + ": " + e.getMessage());
        }
    }

    @Test
    void defaultsAndEdgesAreAccepted() {
        assertDoesNotThrow(() -> Junction.builder().build());
        assertDoesNotThrow(() -> Junction.builder().httpPort(0).mediaPort(65535).roomCapacity(1)
                .defaultMode(RoomMode.P2P).adminToken("01234567").maxFrameBytes(1024).rateLimit(10_000, 1)
                .workerThreads(256).announce(List.of()).maxRooms(1).maxTracksPerParticipant(256)
                .handshakeTimeout(java.time.Duration.ofSeconds(60)).maxHalfOpenPerSource(1)
                .iceAllowedNetworks(List.of("10.0.0.0/8", "192.168.1.0/24", "::1/128", "0.0.0.0/0")).build());
        assertDoesNotThrow(() -> Junction.builder().maxHalfOpenPerSource(1000).build());
        assertDoesNotThrow(() -> Junction.builder().handshakeThreads(1).build());
        assertDoesNotThrow(() -> Junction.builder().handshakeThreads(256).build());
    }

    @Test
    void handshakeOptionsReachTheMediaEngine() {
        io.junction.sfu.SfuOptions d = Junction.sfuOptions(new JunctionSettings(Junction.builder()));
        assertEquals(java.time.Duration.ofSeconds(10), d.handshakeTimeout());
        assertEquals(java.time.Duration.ofSeconds(10), d.ice().connectTimeout());
        assertEquals(32, d.handshakeThreads());
        assertEquals(8, d.maxHalfOpenPerSource());
        io.junction.sfu.SfuOptions o = Junction.sfuOptions(new JunctionSettings(Junction.builder()
                .handshakeTimeout(java.time.Duration.ofSeconds(3)).handshakeThreads(48).maxHalfOpenPerSource(5)));
        assertEquals(java.time.Duration.ofSeconds(3), o.handshakeTimeout());
        assertEquals(java.time.Duration.ofSeconds(3), o.ice().connectTimeout(), "ICE connects within the same limit");
        assertEquals(48, o.handshakeThreads());
        assertEquals(5, o.maxHalfOpenPerSource());
        assertEquals(java.time.Duration.ofSeconds(60), Junction.sfuOptions(new JunctionSettings(Junction.builder()
                .handshakeTimeout(java.time.Duration.ofSeconds(60)))).ice().connectTimeout());
    }

    @Test
    void anUnstartedInstanceRefusesUse() {
        Junction j = Junction.builder().build();
        assertThrows(IllegalStateException.class, j::media);
        assertThrows(IllegalStateException.class, j::rooms);
        j.close();
        assertThrows(IllegalStateException.class, j::start);
    }
}
