/**
 * The boundary between signaling and the media engine: the negotiation messages of one
 * participant's peer connection (PROTOCOL.md "Negotiation in an sfu room"), independent of
 * any wire format. The signaling module turns JSON into these records and back; the engine
 * never sees JSON.
 */
package io.junction.sfu.signal;
