package io.junction.ice;

/**
 * Counters of one {@link IceTransport}.
 *
 * @param received            non-STUN datagrams that reached this transport
 * @param delivered           datagrams handed to {@link IceTransport.Listener#onData}
 * @param droppedNotSelected  dropped: not from the selected pair's remote address
 * @param droppedEarly        dropped: arrived before the pair was selected and the early queue was full
 * @param sent                datagrams sent on the selected pair
 * @param sendDroppedNotConnected send() calls dropped because the transport was not connected
 * @param sendErrors          sends that failed in the socket
 * @param droppedMalformedStun STUN datagrams dropped before ice4j's decoder ({@link StunFraming})
 * @param candidatesOutsideAllowedNetworks remote candidates ignored: outside {@link IceConfig#allowedNetworks()}
 */
public record IceTransportStats(long received, long delivered, long droppedNotSelected, long droppedEarly,
                                long sent, long sendDroppedNotConnected, long sendErrors,
                                long droppedMalformedStun, long candidatesOutsideAllowedNetworks) {
}
