package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Pure functions deciding which offered codecs the server accepts and how it answers them.
 *
 * <p>Supported: Opus/48000/2 (fmtp minptime, useinbandfec, usedtx kept), VP8/90000,
 * VP9/90000 profile-id 0 or 2, H264/90000 with packetization-mode=1 in the profiles of
 * {@link #SERVER_H264} (RFC 6184 section 8.2.2 matching), AV1/90000 profile 0, and RTX
 * (RFC 4588) for any accepted video codec. rtcp-fb is limited to {@link #RTCP_FB}.
 */
public final class CodecMatcher {

    /** The rtcp-fb values the server keeps (RFC 4585, RFC 5104, REMB and transport-cc). */
    public static final Set<String> RTCP_FB = Set.of("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc");

    /** The rtcp-fb the server offers for video, in browser order. */
    public static final List<String> VIDEO_RTCP_FB = List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
    /** The rtcp-fb the server offers for audio. */
    public static final List<String> AUDIO_RTCP_FB = List.of("transport-cc");

    /** H.264 profiles the server accepts (profile_idc, profile_iop) and their highest level (5.2). */
    public static final List<H264ProfileLevelId> SERVER_H264 = List.of(
            new H264ProfileLevelId(0x42, 0xe0, 0x34),  // Constrained Baseline
            new H264ProfileLevelId(0x42, 0x00, 0x34),  // Baseline
            new H264ProfileLevelId(0x4d, 0x00, 0x34),  // Main
            new H264ProfileLevelId(0x64, 0x00, 0x34)); // High

    private static final Set<String> OPUS_FMTP = Set.of("minptime", "useinbandfec", "usedtx");
    private static final Set<String> VP9_PROFILES = Set.of("0", "2");

    private CodecMatcher() {
    }

    /**
     * The answer form of one offered primary (non-RTX) codec, or empty when unsupported: the
     * offerer's payload type, fmtp reduced to what the server honours, rtcp-fb filtered.
     */
    public static Optional<Codec> acceptPrimary(String kind, Codec offered) {
        String name = offered.name().toLowerCase(Locale.ROOT);
        Map<String, String> params = offered.fmtpParams();
        String fmtp;
        if (kind.equals("audio") && name.equals("opus") && offered.clockRate() == 48000 && offered.channels() == 2) {
            fmtp = keep(params, OPUS_FMTP);
        } else if (!kind.equals("video") || offered.clockRate() != 90000) {
            return Optional.empty();
        } else if (name.equals("vp8")) {
            fmtp = "";
        } else if (name.equals("vp9")) {
            String profile = params.getOrDefault("profile-id", "0");
            if (!VP9_PROFILES.contains(profile)) {
                return Optional.empty();
            }
            fmtp = "profile-id=" + profile;
        } else if (name.equals("av1")) {
            if (!params.getOrDefault("profile", "0").equals("0")) {
                return Optional.empty();
            }
            fmtp = offered.fmtp();
        } else if (name.equals("h264")) {
            Optional<String> h264 = answerH264(params);
            if (h264.isEmpty()) {
                return Optional.empty();
            }
            fmtp = h264.get();
        } else {
            return Optional.empty();
        }
        return Optional.of(offered.withFmtp(fmtp).withRtcpFb(filterRtcpFb(offered.rtcpFb())));
    }

    /**
     * RFC 6184 section 8.2.2: packetization-mode must be 1; profile_idc and profile_iop must
     * match one of {@link #SERVER_H264}; the answer carries the lower level.
     *
     * @return the answer fmtp, or empty when the configuration is not accepted
     */
    public static Optional<String> answerH264(Map<String, String> offeredParams) {
        if (!"1".equals(offeredParams.get("packetization-mode"))) {
            return Optional.empty();
        }
        String plid = offeredParams.get("profile-level-id");
        Optional<H264ProfileLevelId> offered = plid == null ? Optional.of(H264ProfileLevelId.DEFAULT)
                : H264ProfileLevelId.parse(plid);
        if (offered.isEmpty()) {
            return Optional.empty();
        }
        for (H264ProfileLevelId supported : SERVER_H264) {
            if (supported.sameProfile(offered.get())) {
                StringJoiner fmtp = new StringJoiner(";");
                if (offeredParams.containsKey("level-asymmetry-allowed")) {
                    fmtp.add("level-asymmetry-allowed=" + offeredParams.get("level-asymmetry-allowed"));
                }
                fmtp.add("packetization-mode=1");
                fmtp.add("profile-level-id=" + offered.get().withLowerLevel(supported).toHex());
                return Optional.of(fmtp.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * The accepted codecs of an offered section, in offer order: each supported primary codec,
     * followed wherever the offer put it by its RTX payload type when that RTX's apt is accepted.
     */
    public static List<Codec> select(String kind, List<Codec> offered) {
        Map<Integer, Codec> primaries = new LinkedHashMap<>();
        for (Codec c : offered) {
            if (!c.isRtx()) {
                acceptPrimary(kind, c).ifPresent(a -> primaries.put(a.pt(), a));
            }
        }
        List<Codec> out = new ArrayList<>();
        for (Codec c : offered) {
            if (primaries.containsKey(c.pt())) {
                out.add(primaries.get(c.pt()));
            } else if (c.isRtx() && c.clockRate() == 90000 && primaries.containsKey(c.apt())) {
                out.add(c.withFmtp("apt=" + c.apt()).withRtcpFb(List.of()));
            }
        }
        return out;
    }

    /** Maps each primary payload type to its RTX payload type ({@code apt}, RFC 4588 section 8.6). */
    public static Map<Integer, Integer> rtxByPrimary(List<Codec> codecs) {
        Map<Integer, Integer> map = new LinkedHashMap<>();
        for (Codec c : codecs) {
            if (c.isRtx() && c.apt() >= 0) {
                map.put(c.apt(), c.pt());
            }
        }
        return map;
    }

    /**
     * A key naming a codec configuration independent of its payload type, used to keep payload
     * types stable per participant: name/clock[/channels] plus the parameters that select a
     * different bitstream (H264 profile and packetization mode, VP9 and AV1 profile).
     */
    public static String key(Codec c) {
        StringBuilder sb = new StringBuilder(c.name().toLowerCase(Locale.ROOT)).append('/').append(c.clockRate());
        if (c.channels() > 0) {
            sb.append('/').append(c.channels());
        }
        Map<String, String> p = c.fmtpParams();
        switch (c.name().toLowerCase(Locale.ROOT)) {
            case "h264" -> {
                String profile = H264ProfileLevelId.of(c).map(x -> x.toHex().substring(0, 4)).orElse("?");
                sb.append(";profile=").append(profile)
                        .append(";pm=").append(p.getOrDefault("packetization-mode", "0"));
            }
            case "vp9" -> sb.append(";profile-id=").append(p.getOrDefault("profile-id", "0"));
            case "av1" -> sb.append(";profile=").append(p.getOrDefault("profile", "0"));
            default -> { }
        }
        return sb.toString();
    }

    /** The payload type the server uses for a codec when the participant never named one. */
    public static int defaultPt(Codec c) {
        return switch (c.name().toLowerCase(Locale.ROOT)) {
            case "opus" -> 111;
            case "vp8" -> 96;
            case "vp9" -> 98;
            case "h264" -> 102;
            case "av1" -> 45;
            default -> -1;
        };
    }

    /** The default RTX payload type paired with {@link #defaultPt}: one above it. */
    public static int defaultRtxPt(Codec c) {
        int pt = defaultPt(c);
        return pt < 0 ? -1 : pt + 1;
    }

    static List<String> filterRtcpFb(List<String> offered) {
        List<String> out = new ArrayList<>();
        for (String fb : offered) {
            if (RTCP_FB.contains(fb) && !out.contains(fb)) {
                out.add(fb);
            }
        }
        return out;
    }

    private static String keep(Map<String, String> params, Set<String> names) {
        StringJoiner fmtp = new StringJoiner(";");
        params.forEach((k, v) -> {
            if (names.contains(k)) {
                fmtp.add(v.isEmpty() ? k : k + "=" + v);
            }
        });
        return fmtp.toString();
    }
}
