package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One self-contained jar, all of whose classes live under dev/chaosagent/, next to whatever the application brings. */
class PackagingIT {

    @TempDir
    Path dir;

    @Test
    void everyClassIsUnderTheAgentsOwnPackageAndTheManifestIsComplete() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR.toFile())) {
            List<String> strays = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("dev/chaosagent/"))
                    .toList();
            assertThat(strays).isEmpty();
            assertThat(jar.getEntry("dev/chaosagent/shaded/net/bytebuddy/jar/asm/ClassReader.class")).isNotNull();
            assertThat(jar.getEntry("dev/chaosagent/shaded/net/bytebuddy/asm/Advice.class")).isNotNull();
            assertThat(jar.getEntry("dev/chaosagent/shaded/org/slf4j/Logger.class")).isNotNull();
            assertThat(jar.getEntry("dev/chaosagent/shaded/org/slf4j/LoggerFactory.class")).as("SLF4J's LoggerFactory, replaced by the agent's").isNull();
            assertThat(jar.getEntry("dev/chaosagent/shaded/org/yaml/snakeyaml/Yaml.class")).isNotNull();
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Premain-Class")).isEqualTo("dev.chaosagent.agent.ChaosAgent");
            assertThat(manifest.getMainAttributes().getValue("Agent-Class")).isEqualTo("dev.chaosagent.agent.ChaosAgent");
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo("dev.chaosagent.cli.ChaosCli");
            assertThat(manifest.getMainAttributes().getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(manifest.getMainAttributes().getValue("Can-Redefine-Classes")).isEqualTo("true");
        }
    }

    @Test
    void thePublishedPomBringsNoSecondCopyOfTheAgentsDependencies() throws Exception {
        org.w3c.dom.Document pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ForkedJvm.AGENT_JAR.getParent().resolveSibling("dependency-reduced-pom.xml").toFile());
        List<String> brought = new java.util.ArrayList<>();
        for (org.w3c.dom.Node section = pom.getDocumentElement().getFirstChild(); section != null; section = section.getNextSibling()) {
            if (!section.getNodeName().equals("dependencies")) {
                continue; // the project's own dependencies, not those of a plugin
            }
            org.w3c.dom.NodeList dependencies = ((org.w3c.dom.Element) section).getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                org.w3c.dom.Element dependency = (org.w3c.dom.Element) dependencies.item(i);
                org.w3c.dom.NodeList scope = dependency.getElementsByTagName("scope");
                if (scope.getLength() == 0 || !scope.item(0).getTextContent().equals("test")) {
                    brought.add(dependency.getElementsByTagName("artifactId").item(0).getTextContent());
                }
            }
        }
        assertThat(brought).as("dependencies a user of chaos-agent would get").isEmpty();
    }

    @Test
    void theApplicationsSlf4jSettingsDoNotReachTheAgentsOwnLogging() throws Exception {
        try (ForkedJvm shop = ForkedJvm.withAgent("", "-Dslf4j.provider=com.example.NoSuchProvider",
                "-Dslf4j.internal.verbosity=DEBUG")) {
            shop.awaitStderr("chaos-agent: started (premain)");
            assertThat(shop.result("count")).isEqualTo("ok 5");
            assertThat(shop.stderrText()).doesNotContain("SLF4J").doesNotContain("NoSuchProvider");
        }
    }

    @Test
    void anApplicationWithItsOwnByteBuddyRunsBesideTheAgent() throws Exception {
        Path ownByteBuddy = Path.of(System.getProperty("chaos.it.libs", "target/it-libs"), "app-byte-buddy.jar");
        Path plan = Plans.write(dir, "rules:\n  - {name: r, target: com.example.shop.Catalog#count, returns: 1}\n");
        try (ForkedJvm shop = ForkedJvm.start("config=" + plan, false, List.of(ownByteBuddy))) {
            assertThat(shop.result("ownByteBuddy")).isEqualTo("ok com.example.shop.Generated made with app-byte-buddy.jar");
            assertThat(shop.result("count")).isEqualTo("ok 1");
        }
    }
}
