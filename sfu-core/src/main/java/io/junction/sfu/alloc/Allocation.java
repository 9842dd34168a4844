package io.junction.sfu.alloc;

import java.util.List;

/**
 * Result of {@link LayerAllocator#allocate}.
 *
 * @param choices      one per demand, in the demands' order
 * @param allocatedBps the chosen layers' bitrates plus the reserved (audio) bitrate
 * @param wantedBps    what every subscription's preferred layer would take, plus the reserved
 *                     bitrate: above the estimate, ask the probe planner for it
 */
public record Allocation(List<LayerChoice> choices, long allocatedBps, long wantedBps) {
    public Allocation {
        choices = List.copyOf(choices);
    }
}
