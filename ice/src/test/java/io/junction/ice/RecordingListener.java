package io.junction.ice;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/** Test listener recording callbacks. */
final class RecordingListener implements IceTransport.Listener {
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    final CompletableFuture<String> failed = new CompletableFuture<>();
    final LinkedBlockingQueue<byte[]> data = new LinkedBlockingQueue<>();

    @Override
    public void onConnected() {
        connected.complete(null);
    }

    @Override
    public void onFailed(String reason) {
        failed.complete(reason);
    }

    @Override
    public void onData(byte[] buf, int off, int len) {
        byte[] c = new byte[len];
        System.arraycopy(buf, off, c, 0, len);
        data.add(c);
    }
}
