package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The drops column of /proc/net/udp, summed for one local port (annotated rows). */
class KernelUdpDropsTest {
    private static final List<String> TABLE = List.of(
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
            // 127.0.0.1:10000 (0x2710), 5 drops
            "  12: 0100007F:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41231 2 0000000000000000 5",
            // 198.18.0.1:10000, 7 drops
            "  13: 011212C6:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41232 2 0000000000000000 7",
            // another port (10001 = 0x2711): not ours
            "  14: 0100007F:2711 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41233 2 0000000000000000 99",
            // local port 8080; its remote port 0x2710 does not count for 10000: only the local address column
            "  15: 0100007F:1F90 0100007F:2710 01 00000000:00000000 00:00000000 00000000     0        0 41234 2 0000000000000000 50",
            "garbage line",
            "  16: 0100007F:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41235 2 0000000000000000 x");

    @Test
    void sumsTheDropsOfTheRowsBoundToThePort() {
        assertEquals(12, KernelUdpDrops.parse(TABLE, 10000));
        assertEquals(99, KernelUdpDrops.parse(TABLE, 10001));
        assertEquals(50, KernelUdpDrops.parse(TABLE, 8080));
        assertEquals(0, KernelUdpDrops.parse(TABLE, 9999));
        assertEquals(0, KernelUdpDrops.parse(List.of(), 10000));
    }
}
