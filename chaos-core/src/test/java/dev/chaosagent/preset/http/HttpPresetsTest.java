package dev.chaosagent.preset.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import dev.chaosagent.scope.Glob;
import dev.chaosagent.scope.PresetCondition;
import dev.chaosagent.scope.ScopedCall;
import org.junit.jupiter.api.Test;

/** The HTTP presets' keys and faults as the rule language reads them, matched against requests as the libraries give them. */
class HttpPresetsTest {

    private final RuleParser parser = RuleParser.forCurrentThread();

    @Test
    void aStatusIsTheFaultOfEitherPresetAndEachHasItsDefault() {
        Rule server = parser.parse("preset=http-server http.method=get http.path=/api/* status=418");
        assertThat(server.fault()).isEqualTo(StatusFault.parse("418"));
        assertThat(server.toSpec()).contains("preset=http-server", "status=418");
        assertThat(parser.parse("preset=http-server").fault()).isEqualTo(StatusFault.parse("503"));
        assertThat(parser.parse("preset=http-client http.host=catalog").fault())
                .isInstanceOfSatisfying(ExceptionFault.class, fault -> assertThat(fault.type()).isEqualTo(java.net.ConnectException.class));
    }

    @Test
    void aStatusOutsideHttpsRangeIsRefusedNamingKeyAndValue() {
        for (String bad : new String[] {"99", "600", "5030", "abc", "-50"}) {
            assertThatThrownBy(() -> parser.parse("preset=http-client status=" + bad)).isInstanceOf(InvalidRuleException.class)
                    .hasMessageContaining("status").hasMessageContaining(bad).hasMessageContaining("100 to 599");
        }
    }

    @Test
    void eachPresetHasItsOwnKeys() {
        assertThatThrownBy(() -> parser.parse("preset=http-server http.host=catalog")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("http.host").hasMessageContaining("http-server");
        assertThatThrownBy(() -> parser.parse("preset=http-client http.header.X-Tenant=acme")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("http.header.X-Tenant");
        assertThatThrownBy(() -> parser.parse("target=com.acme.Client#fetch latency=1s http.path=/x")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("preset=");
    }

    @Test
    void theMethodIgnoresCaseThePathDoesNotAndItsStarCrossesSlashes() {
        Request get = new Request("GET", "/api/albums/7", "catalog", 8080);
        assertThat(admits(HttpServerPreset.INSTANCE, "http.method", "get", get)).isTrue();
        assertThat(admits(HttpServerPreset.INSTANCE, "http.method", "G*", get)).isTrue();
        assertThat(admits(HttpServerPreset.INSTANCE, "http.method", "post", get)).isFalse();
        assertThat(admits(HttpServerPreset.INSTANCE, "http.path", "/api/*", get)).isTrue();
        assertThat(admits(HttpServerPreset.INSTANCE, "http.path", "/api/*/7", get)).isTrue();
        assertThat(admits(HttpServerPreset.INSTANCE, "http.path", "/API/*", get)).isFalse();
        assertThat(admits(HttpServerPreset.INSTANCE, "http.path", "/api", get)).isFalse();
    }

    @Test
    void aHostWithoutAPortMatchesAnyPortAndNoNameIsLookedUp() {
        Request request = new Request("GET", "/", "catalog.internal", 8080);
        assertThat(admits(HttpClientPreset.INSTANCE, "http.host", "catalog.internal", request)).isTrue();
        assertThat(admits(HttpClientPreset.INSTANCE, "http.host", "CATALOG.internal", request)).isTrue();
        assertThat(admits(HttpClientPreset.INSTANCE, "http.host", "*.internal", request)).isTrue();
        assertThat(admits(HttpClientPreset.INSTANCE, "http.host", "catalog.internal:8080", request)).isTrue();
        assertThat(admits(HttpClientPreset.INSTANCE, "http.host", "catalog.internal:80", request)).isFalse();
        assertThat(admits(HttpClientPreset.INSTANCE, "http.host", "catalog", request)).isFalse();
        assertThat(admits(HttpClientPreset.INSTANCE, "http.host", "127.0.0.1", request)).isFalse();
    }

    @Test
    void aHeaderKeyReadsThatHeaderOnly() {
        Request tenant = new Request("GET", "/", null, -1).header("X-Tenant", "acme");
        assertThat(admits(HttpServerPreset.INSTANCE, "http.header.X-Tenant", "acme", tenant)).isTrue();
        assertThat(admits(HttpServerPreset.INSTANCE, "http.header.X-Tenant", "other", tenant)).isFalse();
        assertThat(admits(HttpServerPreset.INSTANCE, "http.header.X-Region", "*", tenant)).as("a header the request lacks").isFalse();
    }

    /** Whether the scope key, as a rule writes it, admits a call of that request. */
    private static boolean admits(Preset preset, String key, String value, HttpOperation request) {
        return new PresetCondition(preset, preset.key(key), value).admits(new ScopedCall() {
            @Override
            public boolean argumentMatches(int index, Glob glob) {
                return false;
            }

            @Override
            public Object operation(Preset asked) {
                return request;
            }
        });
    }

    /** A request as a library would give it. */
    private static final class Request extends HttpOperation {
        private final String method;
        private final String path;
        private final String host;
        private final int port;
        private String headerName;
        private String headerValue;

        Request(String method, String path, String host, int port) {
            this.method = method;
            this.path = path;
            this.host = host;
            this.port = port;
        }

        Request header(String name, String value) {
            headerName = name;
            headerValue = value;
            return this;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public String header(String name) {
            return name.equalsIgnoreCase(headerName) ? headerValue : null;
        }

        @Override
        Object answer(int status, String returnType) {
            throw new UnsupportedOperationException();
        }
    }
}
