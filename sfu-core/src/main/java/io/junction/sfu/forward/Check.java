package io.junction.sfu.forward;

/** Option validation helpers: a bad value throws naming the option and the allowed range. */
final class Check {
    private Check() {
    }

    static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
