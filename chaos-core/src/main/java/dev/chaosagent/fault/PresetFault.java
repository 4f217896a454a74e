package dev.chaosagent.fault;

/**
 * A fault that only a preset knows how to inflict, under a fault key of its own (an HTTP
 * {@code status}, a dropped message): made by {@code Preset.fault}. It may read the operand of the
 * call it acts on through {@link FaultContext#operand()}.
 */
public non-sealed abstract class PresetFault implements Fault {
}
