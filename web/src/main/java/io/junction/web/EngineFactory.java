package io.junction.web;

import io.junction.ice.IceConfig;
import io.junction.sfu.SfuEngine;
import io.junction.sfu.SfuOptions;
import io.junction.sfu.signal.MediaEngine;

/**
 * Creates the media engine of {@code sfu} rooms: the sfu-core {@link SfuEngine} on the UDP port
 * {@link Options#mediaPort()}, with ICE host candidates on {@link Options#announce()} (the
 * machine's non-loopback addresses when none is given).
 */
public final class EngineFactory {
    private EngineFactory() {
    }

    /** The engine for these options. The caller closes it. */
    public static MediaEngine createEngine(Options o) {
        IceConfig ice = IceConfig.builder()
                .port(o.mediaPort())
                .announcedAddresses(o.announce())
                .build();
        return new SfuEngine(SfuOptions.defaults(ice));
    }
}
