/**
 * Data channels on a participant's transport: {@link io.junction.transport.data.SctpTransport}
 * runs the SCTP association (module {@code sctp}) over DTLS application data (RFC 8261) on one
 * owner thread, fed by the DTLS receive thread through a bounded hand-off.
 */
package io.junction.transport.data;
