package dev.chaosagent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.fault.ReturnsFault;
import dev.chaosagent.preset.DeferredOperation;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.rule.At;
import dev.chaosagent.rule.DurationRange;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleValue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A preset method that only hands its operation to its library ({@link DeferredOperation}), called
 * the way its woven code calls it: an exception fails the operation's own future and the caller gets
 * it back at once, a latency sends it later from another thread without counting that send again,
 * the rule's end sends a held operation at once, and what cannot act on such an operation is refused.
 */
class DeferredOperationTest {

    private final ChaosEngine engine = ChaosEngine.create();
    private final List<ChaosEvent> events = new ArrayList<>();
    private final Channel channel = new Channel();
    private final Preset preset = new QueuePreset(channel);
    private final int dispatch = SiteTable.of(engine).register(new WovenMethod("com.acme.Channel", "dispatch", List.of("com.acme.Command"),
            "com.acme.Command", List.of(), Set.of("java.lang.Object"), false));

    DeferredOperationTest() {
        engine.addListener(events::add);
        channel.engine = engine;
        channel.site = dispatch;
    }

    @AfterEach
    void stop() {
        engine.stopAll();
    }

    @Test
    void anExceptionFailsTheOperationAndTheCallerGetsItBackAtOnce() throws Throwable {
        engine.add(rule("refused").fault(ExceptionFault.of(IOException.class, "chaos: refused")).build());
        CompletableFuture<String> command = new CompletableFuture<>();

        assertThat(dispatch(command)).as("dispatch returns the command without sending it").isSameAs(command);
        assertThatThrownBy(command::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class)
                .hasRootCauseMessage("chaos: refused");
        assertThat(channel.sent).isEmpty();
        assertThat(engine.calls("refused")).isEqualTo(1);
        assertThat(engine.injections("refused")).isEqualTo(1);
    }

    @Test
    void aLatencySendsTheOperationLaterFromAnotherThreadAndThatSendIsNotCountedAgain() throws Throwable {
        engine.add(rule("slow").fault(new LatencyFault(DurationRange.fixed(TimeUnit.MILLISECONDS.toNanos(300)))).build());
        CompletableFuture<String> command = new CompletableFuture<>();
        long start = System.nanoTime();

        assertThat(dispatch(command)).isSameAs(command);
        assertThat(command).as("held back, not sent yet").isNotDone();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(command::isDone);
        assertThat(command.join()).isEqualTo("sent");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
        assertThat(channel.sentFrom).isNotSameAs(Thread.currentThread());
        assertThat(channel.answersWhenSentAgain).as("the library's dispatch, entered again by the send, is the same call")
                .containsExactly((Object) null);
        assertThat(engine.calls("slow")).isEqualTo(1);
        assertThat(engine.injections("slow")).isEqualTo(1);
    }

    @Test
    void theRulesEndSendsAHeldOperationAtOnce() throws Throwable {
        engine.add(rule("stuck").fault(new LatencyFault(DurationRange.fixed(TimeUnit.HOURS.toNanos(1)))).build());
        CompletableFuture<String> command = new CompletableFuture<>();
        assertThat(dispatch(command)).isSameAs(command);

        assertThat(engine.remove("stuck")).isTrue();
        Awaitility.await("the held command sent when its rule ended").atMost(Duration.ofSeconds(10)).until(command::isDone);
        assertThat(command.join()).isEqualTo("sent");
    }

    @Test
    void returnsAndAtExitCannotActOnAnOperationOnItsWayAndAreRefusedThere() {
        engine.add(rule("answer").fault(new ReturnsFault(RuleValue.ofNull())).build());
        engine.add(rule("late").fault(ExceptionFault.of(IllegalStateException.class, null)).at(At.EXIT).build());

        assertThat(engine.boundMethods("answer")).isEmpty();
        assertThat(engine.boundMethods("late")).isEmpty();
        assertThat(events).filteredOn(event -> event.type() == ChaosEvent.Type.REFUSED).extracting(ChaosEvent::message).containsExactly(
                "rule answer does not apply to com.acme.Channel#dispatch(com.acme.Command): returns=null cannot stand for the operation"
                        + " com.acme.Channel#dispatch(com.acme.Command) hands to its library, which completes it later (expected latency"
                        + " or an exception, or async=off)",
                "rule late does not apply to com.acme.Channel#dispatch(com.acme.Command): at=exit cannot act on the operation"
                        + " com.acme.Channel#dispatch(com.acme.Command) hands to its library: it is on its way by then (expected at=entry,"
                        + " or async=off)");
    }

    @Test
    void asyncOffActsInTheCallingThreadAsOnAnyMethod() {
        engine.add(rule("thrown").fault(ExceptionFault.of(IllegalStateException.class, "chaos: thrown")).async(false).build());
        CompletableFuture<String> command = new CompletableFuture<>();

        assertThatThrownBy(() -> dispatch(command)).isInstanceOf(IllegalStateException.class).hasMessage("chaos: thrown");
        assertThat(command).isNotDone();
    }

    private Rule.Builder rule(String name) {
        return Rule.builder().name(name).preset(preset);
    }

    /** The woven entry of {@code Channel.dispatch(command)}: the value the method returns instead of running, or null. */
    private Object dispatch(CompletableFuture<String> command) throws Throwable {
        Object entered = SiteTable.of(engine).enter(dispatch, new Object[] {channel, command}, 0, null, 0, null, 0, null);
        if (entered instanceof OpenCall) {
            channel.send(command);
            SiteTable.of(engine).exit(entered, true);
            return null;
        }
        return entered;
    }

    /** The library: its dispatch writes a command, which completes when the answer comes (here, at once). */
    private static final class Channel {
        ChaosEngine engine;
        int site;
        final List<CompletableFuture<String>> sent = new ArrayList<>();
        final List<Object> answersWhenSentAgain = new ArrayList<>();
        volatile Thread sentFrom;

        void send(CompletableFuture<String> command) {
            sent.add(command);
            command.complete("sent");
        }

        /** What the agent's deferred send calls: the library's own dispatch, woven too. */
        void dispatchAgain(CompletableFuture<String> command) {
            try {
                answersWhenSentAgain.add(SiteTable.of(engine).enter(site, new Object[] {this, command}, 0, null, 0, null, 0, null));
            } catch (Throwable t) {
                answersWhenSentAgain.add(t);
            }
            sentFrom = Thread.currentThread();
            send(command);
        }
    }

    /** A preset whose one method hands a command (a future) to its channel. */
    private static final class QueuePreset extends Preset implements DeferredOperation {
        private final Channel channel;

        QueuePreset(Channel channel) {
            super("queue");
            this.channel = channel;
        }

        @Override
        public List<PresetMethod> methods() {
            return List.of(PresetMethod.deferred("com.acme.Channel#dispatch(com.acme.Command)", Operand.receiverAndArguments(), this));
        }

        @Override
        public PresetKey key(String key) {
            return null;
        }

        @Override
        public List<String> keyNames() {
            return List.of();
        }

        @Override
        public Fault defaultFault(ClassLoader loader) {
            return ExceptionFault.of(IllegalStateException.class, null);
        }

        @Override
        public Object operation(Object operand) {
            return null;
        }

        @Override
        public String library() {
            return "a channel";
        }

        @Override
        public List<String> libraryMarkers() {
            return List.of();
        }

        @SuppressWarnings("unchecked")
        private static CompletableFuture<String> command(Object operand) {
            return (CompletableFuture<String>) ((Object[]) operand)[1];
        }

        @Override
        public Object fail(Object operand, Throwable failure) {
            command(operand).completeExceptionally(failure);
            return command(operand);
        }

        @Override
        public Object held(Object operand) {
            return command(operand);
        }

        @Override
        public void send(Object operand) {
            channel.dispatchAgain(command(operand));
        }
    }
}
