package io.junction.sfu;

import io.junction.ice.IceConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SfuOptionsTest {
    private final SfuOptions defaults = SfuOptions.defaults(IceConfig.builder().port(0).build());

    @Test
    void maxHalfOpenPerSourceDefaultsToEightAndAcceptsOneToAThousand() {
        assertEquals(8, defaults.maxHalfOpenPerSource());
        assertEquals(1, defaults.withMaxHalfOpenPerSource(1).maxHalfOpenPerSource());
        assertEquals(1000, defaults.withMaxHalfOpenPerSource(1000).maxHalfOpenPerSource());
        SfuOptions six = new SfuOptions(defaults.ice(), 1, 1024, 1, defaults.handshakeTimeout(), defaults.room());
        assertEquals(SfuOptions.DEFAULT_MAX_HALF_OPEN_PER_SOURCE, six.maxHalfOpenPerSource());
    }

    @Test
    void maxHalfOpenPerSourceOutsideItsRangeIsRejectedByName() {
        for (int bad : new int[] {0, -1, 1001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> defaults.withMaxHalfOpenPerSource(bad));
            assertTrue(e.getMessage().contains("maxHalfOpenPerSource must be in [1, 1000]"), e.getMessage());
        }
    }

    @Test
    void handshakeThreadsDefaultWellAboveTheHalfOpenLimitAndAcceptOneTo256() {
        assertEquals(32, defaults.handshakeThreads());
        assertTrue(defaults.handshakeThreads() > defaults.maxHalfOpenPerSource());
        assertFalse(defaults.oneSourceCanHoldAllHandshakeThreads());
        assertEquals(1, defaults.withHandshakeThreads(1).handshakeThreads());
        assertEquals(256, defaults.withHandshakeThreads(256).handshakeThreads());
        assertTrue(defaults.withHandshakeThreads(8).oneSourceCanHoldAllHandshakeThreads(), "8 half-open, 8 threads");
        for (int bad : new int[] {0, -1, 257}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> defaults.withHandshakeThreads(bad));
            assertTrue(e.getMessage().contains("handshakeThreads must be in [1, 256]"), e.getMessage());
        }
    }

    @Test
    void handshakeTimeoutBoundsTheIceConnectTimeout() {
        assertEquals(Duration.ofSeconds(10), defaults.handshakeTimeout());
        assertEquals(Duration.ofSeconds(2), defaults(Duration.ofSeconds(2)).withHandshakeTimeout(Duration.ofSeconds(2))
                .handshakeTimeout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> defaults.withHandshakeTimeout(Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("ice.connectTimeout (PT10S) must not exceed handshakeTimeout (PT2S)"),
                e.getMessage());
        assertEquals(Duration.ofSeconds(20), defaults(Duration.ofSeconds(20)).handshakeTimeout(),
                "defaults follow a longer ICE connect timeout");
        for (Duration bad : new Duration[] {Duration.ofMillis(999), Duration.ofSeconds(61), null}) {
            IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                    () -> defaults.withHandshakeTimeout(bad));
            assertTrue(r.getMessage().contains("handshakeTimeout must be in [1 s, 60 s]"), r.getMessage());
        }
    }

    private static SfuOptions defaults(Duration iceConnectTimeout) {
        return SfuOptions.defaults(IceConfig.builder().port(0).connectTimeout(iceConnectTimeout).build());
    }
}
