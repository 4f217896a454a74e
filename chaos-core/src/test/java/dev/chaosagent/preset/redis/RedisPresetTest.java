package dev.chaosagent.preset.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The redis preset's rule language and keys; its calls on real clients are RedisPresetIT's. */
class RedisPresetTest {

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());

    @Test
    void aRuleWithoutAFaultGetsTheClientsOwnTimeoutAndPrintsBackAsWritten() {
        Rule rule = parser.parse("name=carts preset=redis redis.command=get redis.key=cart:*");

        assertThat(rule.preset()).isSameAs(RedisPreset.INSTANCE);
        assertThat(rule.fault()).isSameAs(ClientTimeoutFault.INSTANCE);
        assertThat(rule.toSpec()).isEqualTo("name=carts preset=redis redis.command=get redis.key=cart:*");
        assertThat(parser.parse(rule.toSpec())).isEqualTo(rule);
        assertThat(parser.parse("name=slow preset=redis redis.key=s latency=2s").toSpec()).isEqualTo("name=slow preset=redis latency=2s redis.key=s");
    }

    @Test
    void theCommandMatchesInAnyCaseTheKeyExactlyAndACommandWithoutAKeyIsOutOfItsScope() {
        PresetKey command = RedisPreset.INSTANCE.key("redis.command");
        PresetKey key = RedisPreset.INSTANCE.key("redis.key");
        RedisOperation get = RedisOperation.of("get".getBytes(StandardCharsets.US_ASCII),
                ByteBuffer.wrap("Cart:1".getBytes(StandardCharsets.UTF_8)));
        RedisOperation ping = RedisOperation.of("PING".getBytes(StandardCharsets.US_ASCII), null);

        assertThat(get).isEqualTo(new RedisOperation("GET", "Cart:1"));
        assertThat(command.matches(get, command.pattern("Get"))).isTrue();
        assertThat(command.matches(get, command.pattern("h*"))).isFalse();
        assertThat(key.matches(get, key.pattern("Cart:*"))).isTrue();
        assertThat(key.matches(get, key.pattern("cart:*"))).as("Redis keys are case-sensitive").isFalse();
        assertThat(key.matches(ping, key.pattern("*"))).isFalse();
        assertThat(RedisOperation.of("SET".getBytes(StandardCharsets.US_ASCII), "k".getBytes(StandardCharsets.UTF_8)).key()).isEqualTo("k");
    }

    @Test
    void aKeyOfAnotherPresetIsRefusedNamingTheRedisKeys() {
        assertThatThrownBy(() -> parser.parse("preset=redis sql.table=orders")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("sql.table: \"orders\" is not a key of preset redis (expected one of redis.command, redis.key");
    }
}
