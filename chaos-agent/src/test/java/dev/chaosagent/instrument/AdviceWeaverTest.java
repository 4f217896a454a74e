package dev.chaosagent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.weaving.Shapes;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.rule.RuleParser;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The woven code of every return type and shape, defined and run for real (the JVM's verifier checks
 * each woven class as it loads), with the dispatcher on the class path instead of the bootstrap path.
 */
class AdviceWeaverTest {

    private static final String SHAPES = Shapes.class.getName();

    private final ChaosEngine engine = ChaosEngine.builder().build();
    private final RuleParser rules = RuleParser.forCurrentThread();

    @BeforeEach
    void connectTheDispatcher() {
        DispatcherLink.connect(engine);
    }

    @AfterEach
    void disarm() {
        engine.stopAll();
    }

    @Test
    void everyReturnTypeIsReturnedAtEntryWithoutRunningTheBody() throws Throwable {
        Object shapes = woven("flag returns=false", "small returns=7", "medium returns=9", "number returns=42",
                "big returns=123456789012", "ratio returns=1.5", "precise returns=2.25", "text returns=\"chaos\"",
                "numbers returns=null", "touch returns=null");
        assertThat(call(shapes, "flag")).isEqualTo(false);
        assertThat(call(shapes, "small")).isEqualTo((byte) 7);
        assertThat(call(shapes, "medium")).isEqualTo((short) 9);
        assertThat(call(shapes, "number")).isEqualTo(42);
        assertThat(call(shapes, "big", 1L, 2.0, 3)).isEqualTo(123456789012L);
        assertThat(call(shapes, "ratio")).isEqualTo(1.5f);
        assertThat(call(shapes, "precise", 1.0, 2L)).isEqualTo(2.25);
        assertThat(call(shapes, "text")).isEqualTo("chaos");
        assertThat(call(shapes, "numbers")).isNull();
        call(shapes, "touch");
        assertThat(call(shapes, "touched")).as("the skipped body did not run").isEqualTo(0);
    }

    @Test
    void everyReturnTypeIsReplacedAtExitAfterTheBodyRan() throws Throwable {
        Object shapes = woven("flag returns=false at=exit", "small returns=7 at=exit", "medium returns=9 at=exit",
                "big returns=-5 at=exit", "ratio returns=1.5 at=exit", "precise returns=2.25 at=exit",
                "text returns=\"chaos\" at=exit", "touch latency=0ms at=exit");
        assertThat(call(shapes, "flag")).isEqualTo(false);
        assertThat(call(shapes, "small")).isEqualTo((byte) 7);
        assertThat(call(shapes, "medium")).isEqualTo((short) 9);
        assertThat(call(shapes, "big", 1L, 2.0, 3)).isEqualTo(-5L);
        assertThat(call(shapes, "ratio")).isEqualTo(1.5f);
        assertThat(call(shapes, "precise", 1.0, 2L)).isEqualTo(2.25);
        assertThat(call(shapes, "text")).isEqualTo("chaos");
        call(shapes, "touch");
        assertThat(call(shapes, "touched")).as("the body ran before the exit fault").isEqualTo(1);
        assertThat(engine.injections("touch")).isEqualTo(1);
    }

    @Test
    void valuesPassThroughUntouchedWhereNoFaultFires() throws Throwable {
        Object shapes = woven("big latency=0ms at=exit probability=0", "precise latency=0ms probability=0",
                "letter latency=0ms at=exit probability=0", "loopFromTheStart latency=0ms at=exit", "text latency=0ms");
        assertThat(call(shapes, "big", 1L, 2.0, 3)).isEqualTo(6L);
        assertThat(call(shapes, "precise", 1.0, 2L)).isEqualTo(3.0);
        assertThat(call(shapes, "letter")).isEqualTo('a');
        assertThat(call(shapes, "loopFromTheStart", 4)).isEqualTo(10);
        assertThat(call(shapes, "text")).isEqualTo("text");
        assertThat(engine.calls("big")).isEqualTo(1);
        assertThat(engine.injections("loopFromTheStart")).isEqualTo(1);
    }

    @Test
    void exceptionsAreThrownAtEntryAndAtExitAndTheMethodCannotCatchTheOneAtItsExit() throws Throwable {
        Object shapes = woven("read exception=java.io.IOException message=\"disk gone\"",
                "guarded exception=java.lang.IllegalStateException at=exit");
        assertThatThrownBy(() -> call(shapes, "read")).isInstanceOf(IOException.class).hasMessage("disk gone");
        assertThatThrownBy(() -> call(shapes, "guarded")).isInstanceOf(IllegalStateException.class);
        assertThat(call(shapes, "handlers")).as("the method's own catch never ran, its finally ran once").isEqualTo("0/1");
    }

    @Test
    void aBridgeIsNeverWovenSoACallThroughItCountsOnce() throws Throwable {
        Object shapes = woven("get latency=0ms");
        assertThat(engine.matchedSites("get")).as("get() returning String, not the bridge returning Object").isEqualTo(1);
        assertThat(((java.util.function.Supplier<?>) shapes).get()).isEqualTo("got");
        assertThat(engine.calls("get")).isEqualTo(1);
    }

    @Test
    void aClassWithNoTargetedMethodIsLeftAsItIs() throws Throwable {
        engine.add(rules.parse("name=other target=com.example.weaving.Shapes#absent latency=0ms"));
        assertThat(AdviceWeaver.weave(classFile(), SHAPES, AdviceWeaverTest.class.getClassLoader(), TypeNames.supertypes(Shapes.class), Targets.of(engine.rules()), engine)).isNull();
    }

    @Test
    void aJava14ClassFileWithJsrAndRetIsWovenAndVerified() throws Throwable {
        String name = "com.example.weaving.OldFinally";
        engine.add(rules.parse("name=old target=" + name + "#plusOne returns=41 at=exit every=2"));
        byte[] woven = AdviceWeaver.weave(OldClassFiles.withJsrAndRet(name), name, AdviceWeaverTest.class.getClassLoader(),
                java.util.Set.of("java.lang.Object"), Targets.of(engine.rules()), engine);
        assertThat(woven).isNotNull();
        Method plusOne = new OneClassLoader(name, woven).loadClass(name).getMethod("plusOne", int.class);
        assertThat(plusOne.invoke(null, 1)).as("the subroutine ran: 1 + 1").isEqualTo(2);
        assertThat(plusOne.invoke(null, 1)).as("the second call's value replaced at exit").isEqualTo(41);
        assertThat(engine.calls("old")).isEqualTo(2);
    }

    /** A fresh Shapes, woven for rules named after the methods they target ("flag returns=false" targets #flag). */
    private Object woven(String... specs) throws Exception {
        for (String spec : specs) {
            String method = spec.substring(0, spec.indexOf(' '));
            engine.add(rules.parse("name=" + method + " target=" + SHAPES + "#" + method + spec.substring(method.length())));
        }
        byte[] woven = AdviceWeaver.weave(classFile(), SHAPES, AdviceWeaverTest.class.getClassLoader(), TypeNames.supertypes(Shapes.class), Targets.of(engine.rules()), engine);
        assertThat(woven).isNotNull();
        return new OneClassLoader(SHAPES, woven).loadClass(SHAPES).getConstructor().newInstance();
    }

    private static byte[] classFile() throws IOException {
        try (InputStream in = Shapes.class.getResourceAsStream("Shapes.class")) {
            return in.readAllBytes();
        }
    }

    private static Object call(Object target, String name, Object... arguments) throws Throwable {
        Method method = Arrays.stream(target.getClass().getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Defines the one woven class itself and leaves every other class, the dispatcher too, to its parent. */
    private static final class OneClassLoader extends ClassLoader {
        private final String className;
        private final byte[] classFile;

        OneClassLoader(String className, byte[] classFile) {
            super(AdviceWeaverTest.class.getClassLoader());
            this.className = className;
            this.classFile = classFile;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(className)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, classFile, 0, classFile.length);
            }
        }
    }
}
