package io.junction.sfu;

import io.junction.ice.IceConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
