/**
 * Read-only snapshots of the engine's rooms, participants, tracks and subscriptions, with their
 * counters. Each room's snapshot is taken on that room's worker thread, so it is consistent
 * within the room; different rooms are taken one after the other.
 */
package io.junction.sfu.view;
