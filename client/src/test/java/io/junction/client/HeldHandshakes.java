package io.junction.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A client-side DTLS handshake executor that holds its tasks until {@link #open()}: the
 * participant passes ICE, then never starts DTLS, like a peer that stays silent.
 */
final class HeldHandshakes implements Executor {
    private final Executor next;
    private final List<Runnable> held = new ArrayList<>();
    private boolean open;

    HeldHandshakes(Executor next) {
        this.next = next;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (!open) {
                held.add(task);
                return;
            }
        }
        next.execute(task);
    }

    /** Handshake tasks held so far (one per participant that passed ICE). */
    synchronized int held() {
        return held.size();
    }

    /** Runs the held tasks and every later one. */
    void open() {
        List<Runnable> run;
        synchronized (this) {
            open = true;
            run = new ArrayList<>(held);
            held.clear();
        }
        run.forEach(next::execute);
    }
}
