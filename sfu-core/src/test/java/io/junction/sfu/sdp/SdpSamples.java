package io.junction.sfu.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the hand-written browser SDP samples of src/test/resources/sdp (see the README there). */
final class SdpSamples {
    static final String CHROME = "chrome-offer.sdp";
    static final String FIREFOX = "firefox-offer.sdp";
    static final String SIMULCAST = "chrome-simulcast-offer.sdp";
    static final String RECVONLY = "chrome-recvonly-offer.sdp";

    private SdpSamples() {
    }

    /** The sample with CRLF line ends, as browsers send it. */
    static String load(String name) {
        try (InputStream in = SdpSamples.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        try {
            return SdpParser.parse(load(name));
        } catch (SdpParseException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }
}
