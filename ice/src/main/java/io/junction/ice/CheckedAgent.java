package io.junction.ice;

import org.ice4j.ice.Agent;
import org.ice4j.stack.StunStack;

/**
 * An ice4j Agent whose STUN stack is a {@link CheckedStunStack}. ice4j offers {@code setStunStack}, but
 * the Agent constructor already hands its stack to the connectivity-check client and server, so the
 * stack is supplied from the first {@link #getStunStack()} call instead, which that constructor makes.
 */
final class CheckedAgent extends Agent {
    // Deliberately without an initializer: it is assigned by getStunStack() while Agent's constructor
    // runs, and an initializer would run after that and overwrite it (JLS §12.5).
    private CheckedStunStack stack;

    CheckedAgent() {
        super();
        getStunStack(); // in case a future ice4j constructor no longer asks for it
    }

    @Override
    public synchronized StunStack getStunStack() {
        if (stack == null) {
            stack = new CheckedStunStack();
        }
        return stack;
    }

    /** Not supported: the checked stack is fixed for this agent's life. */
    @Override
    public void setStunStack(StunStack stunStack) {
        throw new UnsupportedOperationException("the STUN stack of a CheckedAgent cannot be replaced");
    }

    /** Malformed STUN dropped before ice4j's decoder, for this agent. */
    StunGuardCounter stunGuard() {
        return ((CheckedStunStack) getStunStack()).counter();
    }
}
