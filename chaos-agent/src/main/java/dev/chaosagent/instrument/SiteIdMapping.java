package dev.chaosagent.instrument;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.MethodSite;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Binds {@link SiteId} to a constant: the id the engine gives the advised method. The advice then
 * passes a plain int on each call, so the engine finds the method's rules by index, not by lookup.
 */
final class SiteIdMapping implements Advice.OffsetMapping {

    private final ChaosEngine engine;
    private final boolean canReturn;

    /** @param canReturn whether the advice this id goes into can end the call with a value */
    SiteIdMapping(ChaosEngine engine, boolean canReturn) {
        this.engine = engine;
        this.canReturn = canReturn;
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                          Advice.ArgumentHandler argumentHandler, Sort sort) {
        return new Target.ForStackManipulation(IntegerConstant.forValue(engine.registerSite(describe(instrumentedType, instrumentedMethod, canReturn))));
    }

    static MethodSite describe(TypeDescription type, MethodDescription method, boolean canReturn) {
        return new MethodSite(
                type.getName(),
                method.getInternalName(),
                method.getParameters().asTypeList().asErasures().stream().map(TypeDescription::getActualName).toList(),
                method.getReturnType().asErasure().getActualName(),
                method.getExceptionTypes().asErasures().stream().map(TypeDescription::getName).toList(),
                TypeNames.supertypes(type),
                TypeNames.isJdk(type.getName()),
                canReturn);
    }
}
