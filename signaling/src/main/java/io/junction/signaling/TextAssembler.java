package io.junction.signaling;

/**
 * Joins the fragments of one WebSocket text message (RFC 6455 section 5.4) up to a hard limit,
 * so an oversized message is noticed while its fragments arrive, never buffered whole.
 * Not thread-safe: one per socket, fed in frame order.
 */
final class TextAssembler {
    private final long limit;
    private final StringBuilder buffer = new StringBuilder();
    private boolean overflowed;

    /** @param limit most characters one message may have */
    TextAssembler(long limit) {
        this.limit = limit;
    }

    /** What {@link #append} reports besides a complete message. */
    static final String PENDING = new String("pending");
    static final String OVERSIZE = new String("oversize");

    /**
     * Adds a fragment. Returns the complete message when {@code fin}, {@link #PENDING} while more
     * fragments are due, {@link #OVERSIZE} once (at the fragment that crosses the limit) and
     * {@link #PENDING} for the rest of that message, whose fragments are dropped.
     */
    String append(String fragment, boolean fin) {
        String result;
        if (overflowed) {
            result = PENDING;
        } else if (buffer.length() + (long) fragment.length() > limit) {
            overflowed = true;
            buffer.setLength(0);
            buffer.trimToSize();
            result = OVERSIZE;
        } else if (fin && buffer.length() == 0) {
            result = fragment;
        } else {
            buffer.append(fragment);
            result = PENDING;
            if (fin) {
                result = buffer.toString();
                buffer.setLength(0);
            }
        }
        if (fin) {
            overflowed = false;
        }
        return result;
    }
}
