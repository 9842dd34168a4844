/**
 * SCTP packets and chunks as views over byte arrays (RFC 9260 §3; FORWARD TSN, RFC 3758 §3.2;
 * RE-CONFIG, RFC 6525 §3-4; Supported Extensions, RFC 5061 §4.2.7).
 *
 * <ul>
 *   <li>{@link io.junction.sctp.chunk.SctpHeader}: common header and the frame check (length,
 *       padding, {@link io.junction.sctp.chunk.Crc32c CRC32c}, little-endian on the wire).</li>
 *   <li>{@link io.junction.sctp.chunk.ChunkCursor}: frames every chunk of a packet first, then
 *       iterates; refuses with an {@link io.junction.sctp.chunk.ChunkCursor.Invalid} reason.
 *       {@link io.junction.sctp.chunk.TlvCursor} does the same for parameters and error causes.</li>
 *   <li>{@link io.junction.sctp.chunk.Chunks#check}: per-type layout check; the chunk classes
 *       ({@code DataChunk}, {@code InitChunk}, {@code SackChunk}, {@code ForwardTsnChunk},
 *       {@code Reconfig}, {@code ErrorCause}) are static accessors and writers over
 *       {@code (array, chunk offset)}; read only what the check accepted.</li>
 *   <li>{@link io.junction.sctp.chunk.PacketWriter}: appends chunks with padding into a caller's
 *       array and writes the CRC32c.</li>
 * </ul>
 * Broken input never throws: the checks return false or a reason. Cursors and writers are
 * reusable and not thread-safe.
 */
package io.junction.sctp.chunk;
