package io.junction.sfu.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One payload type of an RTP m-section with its {@code a=rtpmap}, {@code a=fmtp} and
 * {@code a=rtcp-fb} lines (RFC 8866 section 6.6, RFC 4585 section 4.2).
 *
 * @param pt        the payload type, 0–127
 * @param name      the encoding name ("VP8", "opus", "rtx"...); empty when the payload type has no
 *                  rtpmap (a static payload type, RFC 3551)
 * @param clockRate the clock rate in Hz, 0 when there is no rtpmap
 * @param channels  the channel count from the rtpmap, 0 when absent
 * @param fmtp      the format parameters exactly as written, empty when absent
 * @param rtcpFb    the rtcp-fb values for this payload type ("nack", "nack pli", "transport-cc"...)
 */
public record Codec(int pt, String name, int clockRate, int channels, String fmtp, List<String> rtcpFb) {
    public Codec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fmtp, "fmtp");
        rtcpFb = List.copyOf(rtcpFb);
    }

    /** True for an RTX payload type (RFC 4588 section 8.6). */
    public boolean isRtx() {
        return "rtx".equalsIgnoreCase(name);
    }

    /** The {@code apt} parameter of an RTX payload type, or -1. */
    public int apt() {
        String apt = fmtpParams().get("apt");
        if (apt == null) {
            return -1;
        }
        try {
            return Integer.parseInt(apt);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The fmtp as {@code key=value} pairs split on ';' (keys lower-cased, order kept). */
    public Map<String, String> fmtpParams() {
        if (fmtp.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : fmtp.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                params.put(p.toLowerCase(Locale.ROOT), "");
            } else {
                params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
            }
        }
        return params;
    }

    /** The rtpmap value, e.g. {@code "opus/48000/2"}; empty when there is no rtpmap. */
    public String rtpmap() {
        if (name.isEmpty()) {
            return "";
        }
        return channels > 0 ? name + "/" + clockRate + "/" + channels : name + "/" + clockRate;
    }

    /** A copy with another payload type. */
    public Codec withPt(int newPt) {
        return new Codec(newPt, name, clockRate, channels, fmtp, rtcpFb);
    }

    /** A copy with other format parameters. */
    public Codec withFmtp(String newFmtp) {
        return new Codec(pt, name, clockRate, channels, newFmtp, rtcpFb);
    }

    /** A copy with other rtcp-fb values. */
    public Codec withRtcpFb(List<String> newRtcpFb) {
        return new Codec(pt, name, clockRate, channels, fmtp, newRtcpFb);
    }
}
