package dev.chaosagent.preset.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import org.junit.jupiter.api.Test;

/** The gRPC presets' key and faults as the rule language reads them (the ITs prove what they do to real calls). */
class GrpcPresetsTest {

    private final RuleParser parser = RuleParser.forCurrentThread();

    @Test
    void aStatusNamesACodeInAnyCaseAndUnavailableIsTheDefault() {
        Rule client = parser.parse("preset=grpc-client grpc.method=shop.Catalog/* status=deadline_exceeded");
        assertThat(client.fault().key()).isEqualTo("status");
        assertThat(client.fault().value()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(client.toSpec()).contains("preset=grpc-client", "status=DEADLINE_EXCEEDED", "grpc.method=shop.Catalog/*");
        assertThat(parser.parse("preset=grpc-server").fault()).isEqualTo(StatusCodeFault.UNAVAILABLE);
        assertThat(parser.parse("preset=grpc-client").fault()).isEqualTo(StatusCodeFault.UNAVAILABLE);
    }

    @Test
    void okAndWhatIsNoCodeAreRefusedNamingKeyValueAndTheCodes() {
        for (String bad : new String[] {"OK", "ok", "TEAPOT", "14"}) {
            assertThatThrownBy(() -> parser.parse("preset=grpc-server status=\"" + bad + "\"")).isInstanceOf(InvalidRuleException.class)
                    .hasMessageContaining("status").hasMessageContaining('"' + bad + '"')
                    .hasMessageContaining("expected one of CANCELLED, UNKNOWN,").hasMessageContaining("UNAUTHENTICATED)");
        }
    }

    @Test
    void theClientDeliversExceptionAndLatencyThroughTheCallAndBothRefuseReturns() {
        Rule failing = parser.parse("preset=grpc-client exception=java.io.IOException message=\"chaos: reset\"");
        assertThat(failing.acting()).isInstanceOf(ExceptionStatusFault.class);
        assertThat(failing.toSpec()).contains("exception=java.io.IOException");
        assertThat(parser.parse("preset=grpc-client latency=300ms").acting()).isInstanceOf(DelayedStartFault.class)
                .hasToString("latency=300ms");
        assertThat(parser.parse("preset=grpc-server exception=java.lang.IllegalStateException").acting()).isInstanceOf(ExceptionFault.class);
        assertThat(parser.parse("preset=grpc-server latency=300ms").acting()).isInstanceOf(LatencyFault.class);
        assertThatThrownBy(() -> parser.parse("preset=grpc-client latency=1s at=exit")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("at").hasMessageContaining("exit").hasMessageContaining("grpc-client");
        for (String preset : new String[] {"grpc-client", "grpc-server"}) {
            assertThatThrownBy(() -> parser.parse("preset=" + preset + " returns=null")).isInstanceOf(InvalidRuleException.class)
                    .hasMessageContaining("returns").hasMessageContaining("preset=" + preset);
        }
    }

    @Test
    void theMethodKeyIsTheFullMethodNameCaseSensitiveAndOwnedByTheGrpcPresets() {
        Object[] serverStart = {"shop.Catalog/GetAlbum", new Object(), new Object()};
        assertThat(GrpcCall.methodName(serverStart)).isEqualTo("shop.Catalog/GetAlbum");
        assertThat(GrpcCall.methodName(new Object[] {"too", "short"})).isNull();
        assertThat(GrpcServerPreset.INSTANCE.key("grpc.method").matches("shop.Catalog/GetAlbum",
                GrpcServerPreset.INSTANCE.key("grpc.method").pattern("shop.Catalog/*"))).isTrue();
        assertThat(GrpcServerPreset.INSTANCE.key("grpc.method").matches("shop.Catalog/GetAlbum",
                GrpcServerPreset.INSTANCE.key("grpc.method").pattern("shop.catalog/*"))).isFalse();
        assertThatThrownBy(() -> parser.parse("preset=http-client grpc.method=shop.Catalog/*")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("grpc.method");
    }
}
