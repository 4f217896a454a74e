package dev.chaosagent.fault;

/**
 * A fault that only a preset knows how to inflict, under a fault key of its own (an HTTP
 * {@code status}, a dropped message): made by {@code Preset.fault}. It may read the operand of the
 * call it acts on through {@link FaultContext#operand()}.
 */
public non-sealed abstract class PresetFault implements Fault {

    /**
     * Whether what {@link #inject} throws is the injected fault (the library's own exception, which
     * the application must get), rather than the fault's own failure; either way a
     * {@link FaultFailedException} is the fault's own failure, which the application never sees.
     */
    public boolean injectsException() {
        return false;
    }

    /**
     * Whether a rule's one-line form names this fault; a preset's default that no key can name (the
     * client's own exception, whichever client it is) is written by leaving the fault out.
     */
    public boolean named() {
        return true;
    }
}
