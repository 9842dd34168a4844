package io.junction.bench.load;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImpairedLinkTest {

    @Test
    void delayedPacketsAreCopiesWithRoomForTheSrtpTrailer() throws Exception {
        ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
        try {
            CompletableFuture<byte[]> seen = new CompletableFuture<>();
            PacketImpairment delayAll = () -> TimeUnit.MILLISECONDS.toNanos(1);
            ImpairedLink link = new ImpairedLink(delayAll, delays, (b, off, len) -> {
                assertTrue(b.length - off - len >= io.junction.srtp.SrtpSession.MAX_TRAILER,
                        "tailroom " + (b.length - off - len));
                seen.complete(java.util.Arrays.copyOfRange(b, off, off + len));
            });
            byte[] buf = {0, 1, 2, 3, 4, 5};
            link.offer(buf, 1, 4);
            buf[2] = 9; // the caller reuses its buffer at once
            assertArrayEquals(new byte[] {1, 2, 3, 4}, seen.get(5, TimeUnit.SECONDS));
        } finally {
            delays.shutdownNow();
        }
    }
}
