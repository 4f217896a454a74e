package dev.chaosagent.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPatternTest {

    @Test
    void oneStarStaysWithinANameSegment() {
        TargetPattern pattern = TargetPattern.parse("com.acme.*Client#fetch*");
        assertThat(pattern.matchesClassName("com.acme.CatalogClient")).isTrue();
        assertThat(pattern.matchesClassName("com.acme.Client")).isTrue();
        assertThat(pattern.matchesClassName("com.acme.catalog.CatalogClient")).isFalse();
        assertThat(pattern.matchesMethod("fetchAlbum", List.of("java.lang.String"))).isTrue();
        assertThat(pattern.matchesMethod("fetch", List.of())).isTrue();
        assertThat(pattern.matchesMethod("refetch", List.of())).isFalse();
    }

    @Test
    void twoStarsCrossSegments() {
        TargetPattern pattern = TargetPattern.parse("com.acme.**.Repo#save");
        assertThat(pattern.matchesClassName("com.acme.db.Repo")).isTrue();
        assertThat(pattern.matchesClassName("com.acme.a.b.c.Repo")).isTrue();
        assertThat(pattern.matchesClassName("org.acme.db.Repo")).isFalse();
        assertThat(TargetPattern.parse("com.acme.**#save").matchesClassName("com.acme.x.y.Z$Inner")).isTrue();
    }

    @Test
    void plusMatchesTheTypeAndEverySubtype() {
        TargetPattern pattern = TargetPattern.parse("java.sql.Statement+#execute*");
        assertThat(pattern.includesSubtypes()).isTrue();
        assertThat(pattern.matchesType("org.h2.jdbc.JdbcPreparedStatement",
                Set.of("org.h2.jdbc.JdbcStatement", "java.sql.PreparedStatement", "java.sql.Statement", "java.lang.Object"))).isTrue();
        assertThat(pattern.matchesType("java.sql.Statement", Set.of())).isTrue();
        assertThat(pattern.matchesType("org.h2.Other", Set.of("java.lang.Object"))).isFalse();
        assertThat(TargetPattern.parse("java.sql.Statement#execute").matchesType("org.h2.jdbc.JdbcStatement",
                Set.of("java.sql.Statement"))).as("without +, subtypes do not match").isFalse();
    }

    @Test
    void parametersMatchExactlyOrAnyWithDotDot() {
        TargetPattern exact = TargetPattern.parse("java.net.Socket#connect(java.net.SocketAddress,int)");
        assertThat(exact.matchesMethod("connect", List.of("java.net.SocketAddress", "int"))).isTrue();
        assertThat(exact.matchesMethod("connect", List.of("java.net.SocketAddress"))).isFalse();
        assertThat(exact.matchesMethod("connect", List.of("java.net.InetAddress", "int"))).isFalse();

        TargetPattern any = TargetPattern.parse("java.net.Socket#connect(..)");
        assertThat(any.matchesMethod("connect", List.of("java.net.SocketAddress"))).isTrue();
        assertThat(any.matchesMethod("connect", List.of())).isTrue();

        TargetPattern none = TargetPattern.parse("a.B#c()");
        assertThat(none.matchesMethod("c", List.of())).isTrue();
        assertThat(none.matchesMethod("c", List.of("int"))).isFalse();

        TargetPattern simple = TargetPattern.parse("a.B#c(String, byte[], int...)");
        assertThat(simple.matchesMethod("c", List.of("java.lang.String", "byte[]", "int[]"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.Object#hashCode", "java.lang.Thread#sleep", "java.lang.Object+#toString",
            "dev.chaosagent.engine.ChaosEngine#enter", "dev.chaosagent.**#*", "net.bytebuddy.**#*", "jdk.internal.misc.Unsafe#*",
            "sun.misc.Unsafe#*", "java.lang.reflect.Method#invoke", "sun.net.www.protocol.jrt.Handler#openConnection"})
    void forbiddenTargetsAreRefused(String target) {
        assertThatThrownBy(() -> TargetPattern.parse(target))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("target: \"" + target + "\" is a forbidden target");
    }

    @Test
    void jdkImplementationsBehindPublicTypesStayReachable() {
        TargetPattern pattern = TargetPattern.parse("java.net.http.HttpClient+#send");
        assertThat(pattern.matchesType("jdk.internal.net.http.HttpClientFacade", Set.of("java.net.http.HttpClient"))).isTrue();
        assertThat(TargetPattern.parse("java.nio.channels.SocketChannel+#connect")
                .matchesType("sun.nio.ch.SocketChannelImpl", Set.of("java.nio.channels.SocketChannel"))).isTrue();
    }

    /** The weaver reads JDK class files through jrt: URLs; weaving their handler while it loads was a circularity. */
    @Test
    void subtypeTargetsNeverReachTheWaysTheWeaverReadsClassFiles() {
        TargetPattern pattern = TargetPattern.parse("java.net.URLStreamHandler+#openConnection");
        assertThat(pattern.matchesType("sun.net.www.protocol.http.Handler", Set.of("java.net.URLStreamHandler"))).isTrue();
        assertThat(pattern.matchesType("sun.net.www.protocol.jrt.Handler", Set.of("java.net.URLStreamHandler"))).isFalse();
    }

    @Test
    void theExampleApplicationIsApplicationCode() {
        assertThat(TargetPattern.parse("dev.chaosagent.examples.musicstore.CatalogClient#fetchAlbum")
                .matchesClassName("dev.chaosagent.examples.musicstore.CatalogClient")).isTrue();
        assertThat(TargetPattern.isForbiddenClass("dev.chaosagent.engine.ChaosEngine")).isTrue();
    }

    @Test
    void wildcardsNeverReachForbiddenClasses() {
        TargetPattern pattern = TargetPattern.parse("java.lang.*#toString");
        assertThat(pattern.matchesClassName("java.lang.Integer")).isTrue();
        assertThat(pattern.matchesClassName("java.lang.Object")).isFalse();
        assertThat(pattern.matchesClassName("java.lang.Thread")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.B", "#c", "a.B#", "a.B#c#d", "a..B#c", "a.B#c(int", "a.B#1c", "a.B#<init>", "**#foo",
            "*.*#foo", "a.B#c(int,)", "a.B#c(1x)", "a-b.C#d"})
    void patternsThatCanNeverMatchAreRefused(String target) {
        assertThatThrownBy(() -> TargetPattern.parse(target))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("target: \"" + target + "\"");
    }
}
