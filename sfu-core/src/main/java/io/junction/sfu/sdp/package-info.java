/**
 * SDP (RFC 8866) for Unified Plan WebRTC with BUNDLE (RFC 9143) and rtcp-mux (RFC 5761):
 * a lossless model ({@link io.junction.sfu.sdp.SessionDescription},
 * {@link io.junction.sfu.sdp.MediaDescription}), a bounded parser and a writer, the SFU's
 * validation rules, codec and header-extension matching, and the pure JSEP (RFC 8829)
 * negotiation planner: {@link io.junction.sfu.sdp.AnswerBuilder} answers client offers,
 * {@link io.junction.sfu.sdp.OfferBuilder} makes server offers from a
 * {@link io.junction.sfu.sdp.SessionPlan}, {@link io.junction.sfu.sdp.AnswerApplier} checks
 * the client's answer.
 *
 * <p>Threading: everything here is pure and immutable — no I/O, no threads, no clocks, no
 * randomness. Identifiers (ICE credentials, SSRCs, CNAMEs, session ids) are inputs.
 *
 * <p>{@code a=fingerprint} and the negotiated DTLS role use dtls-srtp's
 * {@link io.junction.dtls.Fingerprint} (validated at parse: RFC 8122 §5 hash function and digest
 * length, else a parse error) and {@link io.junction.dtls.DtlsRole} ({@code setupValue()} gives
 * the {@code a=setup} to write): the SDP layer depends on the DTLS types, never the reverse.
 */
package io.junction.sfu.sdp;
