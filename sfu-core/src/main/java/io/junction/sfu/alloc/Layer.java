package io.junction.sfu.alloc;

/**
 * One simulcast layer of a published video track as the allocator sees it.
 *
 * @param height     frame height in pixels (from the stream or the rid restrictions), > 0
 * @param bitrateBps measured bitrate, >= 0
 * @param active     false while the publisher does not send it (paused layer, RFC 8853 {@code ~})
 */
public record Layer(int height, long bitrateBps, boolean active) {
    public Layer {
        if (height <= 0) {
            throw new IllegalArgumentException("layer height must be > 0, was " + height);
        }
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("layer bitrate must be >= 0, was " + bitrateBps);
        }
    }
}
