package io.junction.signaling.whip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code application/trickle-ice-sdpfrag} body (RFC 8840 section 9, as used by
 * RFC 9725 section 4.3): the ICE credentials it names and its candidates per m-section.
 *
 * <p>Grammar accepted: lines {@code <letter>=<value>} ending in CRLF or LF, at most
 * {@link #MAX_LINES} lines of at most {@link #MAX_LINE_CHARS} characters and at most
 * {@link #MAX_CANDIDATES} candidates. Known attributes: {@code a=ice-ufrag}, {@code a=ice-pwd}
 * (session or media level), {@code a=ice-options}, {@code a=group}, {@code m=}, {@code a=mid},
 * {@code a=candidate}, {@code a=end-of-candidates}; other {@code a=} lines are ignored (RFC 8840
 * section 9: unknown attributes are ignored); other line types are an error.
 *
 * @param ufrag           the ICE ufrag named (last wins), null when absent
 * @param pwd             the ICE password named (last wins), null when absent
 * @param candidates      the candidates in order
 * @param endOfCandidates whether an {@code a=end-of-candidates} line was present
 */
public record SdpFrag(String ufrag, String pwd, List<Candidate> candidates, boolean endOfCandidates) {
    public static final int MAX_LINES = 256;
    public static final int MAX_LINE_CHARS = 1024;
    public static final int MAX_CANDIDATES = 64;

    public SdpFrag {
        candidates = List.copyOf(candidates);
    }

    /**
     * One trickled candidate.
     *
     * @param value      the attribute value including its {@code candidate:} prefix
     * @param mid        the {@code a=mid} of its m-section, null when none was given
     * @param mLineIndex the index of its {@code m=} line in the fragment, -1 when before any
     */
    public record Candidate(String value, String mid, int mLineIndex) {
        public Candidate {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A body that is not a valid fragment; the message names the line and the reason. */
    public static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(int line, String reason) {
            super("line " + line + ": " + reason);
        }
    }

    /** Parses a fragment; never returns null. */
    public static SdpFrag parse(String body) throws ParseException {
        Objects.requireNonNull(body, "body");
        String ufrag = null;
        String pwd = null;
        boolean end = false;
        List<Candidate> candidates = new ArrayList<>();
        int mIndex = -1;
        String mid = null;
        int lineNo = 0;
        int pos = 0;
        int n = body.length();
        while (pos < n) {
            int nl = body.indexOf('\n', pos);
            int stop = nl < 0 ? n : nl;
            String line = body.substring(pos, stop > pos && body.charAt(stop - 1) == '\r' ? stop - 1 : stop);
            pos = nl < 0 ? n : nl + 1;
            lineNo++;
            if (lineNo > MAX_LINES) {
                throw new ParseException(lineNo, "more than " + MAX_LINES + " lines");
            }
            if (line.isEmpty()) {
                continue; // a trailing empty line, or blank lines between: tolerated
            }
            if (line.length() > MAX_LINE_CHARS) {
                throw new ParseException(lineNo, "longer than " + MAX_LINE_CHARS + " characters");
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !isLetter(line.charAt(0))) {
                throw new ParseException(lineNo, "not an SDP line (<letter>=<value>)");
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw new ParseException(lineNo, "control character 0x" + Integer.toHexString(c));
                }
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (!value.startsWith("audio ") && !value.startsWith("video ") && !value.startsWith("application ")) {
                    throw new ParseException(lineNo, "m= must name audio, video or application");
                }
                mIndex++;
                mid = null;
                continue;
            }
            if (type != 'a') {
                throw new ParseException(lineNo, "only a= and m= lines belong in a fragment");
            }
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            String arg = colon < 0 ? null : value.substring(colon + 1);
            switch (name) {
                case "ice-ufrag" -> ufrag = iceChars(lineNo, name, arg, 4, 256);
                case "ice-pwd" -> pwd = iceChars(lineNo, name, arg, 22, 256);
                case "mid" -> {
                    if (arg == null || arg.isEmpty() || arg.length() > 32) {
                        throw new ParseException(lineNo, "a=mid needs a value of 1-32 characters");
                    }
                    if (mIndex < 0) {
                        throw new ParseException(lineNo, "a=mid before any m= line");
                    }
                    mid = arg;
                }
                case "candidate" -> {
                    if (arg == null || arg.isBlank()) {
                        throw new ParseException(lineNo, "a=candidate without a value");
                    }
                    if (candidates.size() >= MAX_CANDIDATES) {
                        throw new ParseException(lineNo, "more than " + MAX_CANDIDATES + " candidates");
                    }
                    candidates.add(new Candidate(value, mid, mIndex));
                }
                case "end-of-candidates" -> end = true;
                default -> {
                    // ice-options, group and unknown attributes carry nothing the server uses
                }
            }
        }
        return new SdpFrag(ufrag, pwd, candidates, end);
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** RFC 8839 section 5.4: ice-char = ALPHA / DIGIT / "+" / "/". */
    private static String iceChars(int line, String name, String arg, int min, int max) throws ParseException {
        if (arg == null || arg.length() < min || arg.length() > max) {
            throw new ParseException(line, "a=" + name + " must be " + min + "-" + max + " ice-chars");
        }
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            if (!ok) {
                throw new ParseException(line, "a=" + name + " has a character outside ice-char");
            }
        }
        return arg;
    }
}
