/**
 * Lifecycle events of {@code sfu} rooms (room, participant, track, transport) and their listener.
 */
package io.junction.sfu.event;
