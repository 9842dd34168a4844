package io.junction.sfu;

import io.junction.ice.IceTransport;

/**
 * The listener a participant's ICE transport is created with at join, before its media transport
 * exists (the client's fingerprint and DTLS role arrive later): passes ICE events to the media
 * transport once it is set, drops them before that.
 */
final class LateIceListener implements IceTransport.Listener {
    volatile IceTransport.Listener delegate;

    @Override
    public void onConnected() {
        IceTransport.Listener d = delegate;
        if (d != null) {
            d.onConnected();
        }
    }

    @Override
    public void onFailed(String reason) {
        IceTransport.Listener d = delegate;
        if (d != null) {
            d.onFailed(reason);
        }
    }

    @Override
    public void onData(byte[] buf, int off, int len) {
        IceTransport.Listener d = delegate;
        if (d != null) {
            d.onData(buf, off, len);
        }
    }
}
