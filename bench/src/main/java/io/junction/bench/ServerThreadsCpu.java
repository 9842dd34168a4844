package io.junction.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of an in-JVM server's per-packet threads (room workers and the media port's I/O
 * thread), read per thread so that the client peers sharing the JVM are not counted.
 */
final class ServerThreadsCpu {
    private ServerThreadsCpu() {
    }

    static ThreadMXBean bean() {
        return ManagementFactory.getThreadMXBean();
    }

    /** Summed CPU nanoseconds of the live {@code junction-room-*} and {@code junction-media-io-*} threads. */
    static long nanos(ThreadMXBean mx) {
        long sum = 0;
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            String n = ti.getThreadName();
            if (n.startsWith("junction-room-") || n.startsWith("junction-media-io-")) {
                long c = mx.getThreadCpuTime(ti.getThreadId());
                if (c > 0) {
                    sum += c;
                }
            }
        }
        return sum;
    }
}
