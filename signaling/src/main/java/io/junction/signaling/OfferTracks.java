package io.junction.signaling;

import java.util.Locale;

/**
 * Counts the tracks a client offer sends on, for the per-participant track limit: the audio and
 * video m-sections (RFC 8866 section 5.14) that are not rejected (port 0, RFC 3264 section 6)
 * and whose direction (RFC 8866 section 6.7) is {@code sendrecv} (the default) or
 * {@code sendonly}. A pure scan that tolerates any text: malformed lines are skipped, the
 * engine's SDP parser reports the errors.
 */
final class OfferTracks {
    private OfferTracks() {
    }

    /** The number of sending audio/video m-sections in {@code sdp}. */
    static int sending(String sdp) {
        int count = 0;
        boolean media = false;
        boolean sends = false;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                if (media && sends) {
                    count++;
                }
                media = isLiveMedia(line);
                sends = true;
            } else if (media && (line.equals("a=recvonly") || line.equals("a=inactive"))) {
                sends = false;
            }
        }
        return media && sends ? count + 1 : count;
    }

    private static boolean isLiveMedia(String mLine) {
        String[] f = mLine.substring(2).split(" ");
        if (f.length < 2) {
            return false;
        }
        String kind = f[0].toLowerCase(Locale.ROOT);
        return (kind.equals("audio") || kind.equals("video")) && !f[1].equals("0");
    }
}
