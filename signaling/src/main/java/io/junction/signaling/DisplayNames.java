package io.junction.signaling;

/**
 * Which characters a display name ({@code join.name}) may not hold, as a pure function: C0 and C1
 * control characters (U+0000–U+001F, U+007F–U+009F, Unicode category Cc) and the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069; Unicode UAX #9 section 2),
 * which can make a name render as someone else's or reorder the text around it. Such a name is
 * refused with {@code bad-message}, never relayed (the page shows names with textContent anyway).
 */
final class DisplayNames {
    private DisplayNames() {
    }

    /** True when {@code c} may not appear in a display name. */
    static boolean forbidden(char c) {
        return c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** The index of the first forbidden character of {@code name}, or -1. */
    static int firstForbidden(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (forbidden(name.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
