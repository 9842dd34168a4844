package io.junction.web;

import io.junction.sfu.signal.MediaEngine;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.signal.NegotiationSink;

/**
 * Creates the media engine of {@code sfu} rooms. This is the single place where the sfu-core
 * engine (UDP media port {@link Options#mediaPort()}, ICE candidates on
 * {@link Options#announce()}) is wired into the runnable server. This build has no media
 * engine: sfu rooms admit participants and relay chat, but refuse negotiation with
 * {@code unsupported}; p2p rooms work fully.
 */
public final class EngineFactory {
    private EngineFactory() {
    }

    /** The engine for these options. The caller closes it. */
    public static MediaEngine createEngine(Options o) {
        return new NoMediaEngine();
    }

    /** Refuses every negotiation with {@code unsupported}. */
    private static final class NoMediaEngine implements MediaEngine {
        @Override
        public MediaSession join(String roomId, String participantId, String displayName, NegotiationSink sink) {
            return new MediaSession() {
                @Override
                public void onClientNegotiation(Negotiation negotiation) throws NegotiationException {
                    throw new NegotiationException("unsupported", "this build has no media engine yet");
                }

                @Override
                public void leave() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
