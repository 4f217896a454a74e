package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When something goes wrong inside the agent, it says so once and the application runs on. */
class AgentFailuresIT {

    @TempDir
    Path dir;

    private static void compile(Path sourceDir, Path classesDir, String className, String source) throws IOException {
        Path file = sourceDir.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-d", classesDir.toString(), file.toString());
        assertThat(status).as("javac of " + className).isZero();
    }

    @Test
    void aClassThatCannotBeTransformedIsReportedByNameAndTheRestGoOn() throws Exception {
        // A method so close to the JVM's 64 KB limit that the woven calls do not fit: its transformation fails.
        StringBuilder body = new StringBuilder("package gen;\npublic class Huge {\n  public int run() {\n    int x = 0;\n");
        for (int i = 0; i < 21_840; i++) {
            body.append("    x += 7;\n");
        }
        body.append("    return x;\n  }\n}\n");
        Path classes = dir.resolve("classes");
        compile(dir.resolve("src"), classes, "gen.Huge", body.toString());

        Path plan = Plans.write(dir, """
                rules:
                  - {name: huge, target: gen.Huge#run, exception: java.lang.IllegalStateException}
                  - {name: fine, target: com.example.shop.Catalog#count, returns: 1}
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("loadAndCall " + classes + " gen.Huge run")).as("the class runs, untransformed").isEqualTo("ok 152880");
            assertThat(shop.awaitStderr("chaos-agent: WARN cannot instrument gen.Huge"))
                    .contains("its rules do not apply there, everything else goes on");
            assertThat(shop.result("count")).isEqualTo("ok 1");
            assertThat(shop.result("loadAndCall " + classes + " gen.Huge run")).isEqualTo("ok 152880");
            assertThat(shop.stderr()).filteredOn(line -> line.contains("cannot instrument gen.Huge")).hasSize(1);
        }
    }

    @Test
    void aTargetInAClassLoaderThatIsDiscardedDoesNotKeepItAlive() throws Exception {
        Path classes = dir.resolve("classes");
        compile(dir.resolve("src"), classes, "gen.Plugin", "package gen;\npublic class Plugin {\n  public String hello() { return \"hello\"; }\n}\n");
        Path plan = Plans.write(dir, "rules:\n  - {name: plugin, target: gen.Plugin#hello, returns: \"chaos\"}\n");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            for (int i = 0; i < 3; i++) {
                assertThat(shop.result("loadAndCall " + classes + " gen.Plugin hello")).isEqualTo("ok chaos");
            }
            Awaitility.await("the discarded class loaders to be collected").atMost(Duration.ofSeconds(20))
                    .until(() -> shop.result("collected").equals("ok true"));
            assertThat(shop.result("describe")).containsPattern("plugin +armed +3 +3");
        }
    }

    @Test
    void anAgentBundledInsideAnApplicationJarRefusesToStart() throws Exception {
        Path uberJar = dir.resolve("app-with-everything.jar");
        Path testClasses = ForkedJvm.codeSource(com.example.shop.ShopApp.class);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(uberJar));
             JarFile agent = new JarFile(ForkedJvm.AGENT_JAR.toFile());
             Stream<Path> files = Files.walk(testClasses)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(testClasses.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            for (JarEntry entry : agent.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                out.putNextEntry(new JarEntry(entry.getName()));
                agent.getInputStream(entry).transferTo(out);
                out.closeEntry();
            }
        }
        Path plan = Plans.write(dir, "rules:\n  - {name: r, target: com.example.shop.Catalog#count, returns: 1}\n");
        try (ForkedJvm shop = ForkedJvm.start("config=" + plan, false, List.of(uberJar))) {
            assertThat(shop.awaitStderr("chaos-agent: ERROR the agent's classes were loaded from"))
                    .contains("app-with-everything.jar", "the agent does not start");
            assertThat(shop.result("count")).isEqualTo("ok 5");
        }
    }
}
