/**
 * Rooms, participants, published tracks, subscriptions and the forwarding core.
 */
package io.junction.sfu;
