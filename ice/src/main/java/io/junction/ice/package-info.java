/**
 * ICE over ice4j: one UDP port shared by all participants, host candidates (loopback included when announced), controlled role for the server and controlling role for clients.
 */
package io.junction.ice;
