package dev.chaosagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chaosagent.plan.Plan;
import dev.chaosagent.plan.PlanParser;
import dev.chaosagent.rule.RuleParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests of deploy/kubernetes, rendered by kustomize as a user renders them (kubectl's
 * built-in kustomize), then read as the kubelet and the Prometheus Operator would read them. No
 * cluster runs here: what only a cluster can show is listed in docs/plans-and-fleets.md.
 */
class KubernetesManifestsTest {

    static final Path DEPLOY = Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();
    private static final Pattern AGENT = Pattern.compile("-javaagent:(\\S+?)=(\\S+)$");

    @Test
    void everyInjectedDeploymentGetsTheJarThePlanDirectoryItsLabelsAndANamedMetricsPort() throws Exception {
        List<Map<String, Object>> objects = render(DEPLOY.resolve("example"));
        Map<String, Object> podMonitor = only(objects, "PodMonitor");
        Map<String, Object> endpoint = list(map(podMonitor, "spec"), "podMetricsEndpoints").get(0);
        Map<String, Object> podSelector = map(map(map(podMonitor, "spec"), "selector"), "matchLabels");

        List<String> injected = new ArrayList<>();
        for (Map<String, Object> deployment : kind(objects, "Deployment")) {
            String name = (String) map(deployment, "metadata").get("name");
            Map<String, Object> template = map(map(deployment, "spec"), "template");
            Map<String, Object> pod = map(template, "spec");
            Map<String, Object> app = list(pod, "containers").get(0);
            Map<String, String> env = kubeletEnvironment(app);
            if (!env.containsKey("JAVA_TOOL_OPTIONS")) {
                assertThat(map(template, "metadata").get("labels")).as(name + " is not labelled for the agent")
                        .isEqualTo(Map.of("app", "cart"));
                continue;
            }
            injected.add(name);
            String options = env.get("JAVA_TOOL_OPTIONS");
            assertThat(options).as("appended to the container's own, never overwritten").doesNotContain("$(")
                    .startsWith(name.equals("catalog") ? "-XX:MaxRAMPercentage=75 -javaagent:" : " -javaagent:");
            Matcher agent = AGENT.matcher(options);
            assertThat(agent.find()).as(options).isTrue();
            Map<String, String> agentOptions = new LinkedHashMap<>();
            for (String pair : agent.group(2).split(",")) {
                agentOptions.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }

            Map<String, Object> init = list(pod, "initContainers").get(0);
            List<String> copy = strings(init.get("command"));
            assertThat(copy).hasSize(3).startsWith("cp");
            Map<String, Object> jarVolume = volumeAt(pod, init, copy.get(2));
            assertThat(jarVolume).as("the jar travels in an emptyDir").containsKey("emptyDir");
            assertThat(volumeAt(pod, app, agent.group(1))).as("the app reads the jar where the init container put it")
                    .isEqualTo(jarVolume);
            assertThat(mountedPath(app, agent.group(1))).isEqualTo(mountedPath(init, copy.get(2)));

            Map<String, Object> planVolume = volumeAt(pod, app, agentOptions.get("config"));
            assertThat(map(planVolume, "configMap")).containsEntry("name", "chaos-plan");
            Map<String, Object> labelsVolume = volumeAt(pod, app, agentOptions.get("podLabels"));
            Map<String, Object> item = list(map(labelsVolume, "downwardAPI"), "items").get(0);
            assertThat(item.get("path")).isEqualTo(mountedPath(app, agentOptions.get("podLabels")));
            assertThat(map(item, "fieldRef")).containsEntry("fieldPath", "metadata.labels");
            for (Map<String, Object> container : List.of(app, init)) {
                assertThat(list(container, "volumeMounts")).as("a subPath mount never sees an update")
                        .allSatisfy(mount -> assertThat(mount).doesNotContainKey("subPath"));
            }
            assertThat(fieldRef(app, "POD_NAME")).isEqualTo("metadata.name");
            assertThat(fieldRef(app, "POD_NAMESPACE")).isEqualTo("metadata.namespace");

            assertThat(agentOptions).containsEntry("metricsHost", "0.0.0.0");
            Map<String, Object> port = list(app, "ports").stream().filter(p -> endpoint.get("port").equals(p.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no port named " + endpoint.get("port") + " in " + name));
            assertThat(port.get("containerPort")).hasToString(agentOptions.get("metrics"));
            assertThat(map(map(template, "metadata"), "labels")).as("the PodMonitor selects the pod").containsAllEntriesOf(podSelector);
        }
        assertThat(injected).containsExactly("catalog", "checkout");
        assertThat(map(only(objects, "ConfigMap"), "metadata").get("name")).as("no hash suffix: a new plan reloads, not restarts")
                .isEqualTo("chaos-plan");
    }

    @Test
    void theShippedPlanIsAGoodPlanAndBothRuleFilesCarryTheSameGroups() throws Exception {
        Plan plan = new PlanParser(new RuleParser(getClass().getClassLoader())).parse(DEPLOY.resolve("base/plan.yaml"));
        assertThat(plan.rules()).isEmpty();
        Map<String, Object> operator = new Yaml().load(Files.readString(DEPLOY.resolve("base/prometheusrule.yaml")));
        Map<String, Object> plain = new Yaml().load(Files.readString(DEPLOY.resolve("rules/chaos-agent.rules.yml")));
        assertThat(map(operator, "spec").get("groups")).isEqualTo(plain.get("groups"));
    }

    @Test
    void theImageHasTheJarWhereTheInitContainerCopiesItFrom() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("image/Dockerfile"));
        Map<String, Object> patch = new Yaml().load(Files.readString(DEPLOY.resolve("component/inject-pod.yaml")));
        Map<String, Object> init = list(map(map(map(patch, "spec"), "template"), "spec"), "initContainers").get(0);
        String source = strings(init.get("command")).get(1);
        assertThat(dockerfile).containsPattern("(?m)^COPY chaos-agent/target/chaos-agent\\.jar " + Pattern.quote(source) + "$");
    }

    /** The container's environment as the kubelet builds it: in order, each $(NAME) the value NAME had so far. */
    static Map<String, String> kubeletEnvironment(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> entry : list(container, "env")) {
            Object value = entry.get("value");
            if (value == null) {
                env.put((String) entry.get("name"), "<from " + entry.get("valueFrom") + ">");
                continue;
            }
            Matcher reference = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher((String) value);
            StringBuilder expanded = new StringBuilder();
            while (reference.find()) {
                String known = env.get(reference.group(1));
                reference.appendReplacement(expanded, Matcher.quoteReplacement(known != null ? known : reference.group()));
            }
            reference.appendTail(expanded);
            env.put((String) entry.get("name"), expanded.toString());
        }
        return env;
    }

    private static List<Map<String, Object>> render(Path kustomization) throws IOException, InterruptedException {
        assumeTrue(onPath("kubectl"), "kubectl is not installed (Debian package kubectl): the manifests are not rendered here");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString()).redirectErrorStream(false).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize: %s", err).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(out)) {
            objects.add(cast(document));
        }
        return objects;
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** The volume mounted in the container at the longest mount path that holds {@code file}. */
    private static Map<String, Object> volumeAt(Map<String, Object> pod, Map<String, Object> container, String file) {
        String volume = (String) mountOf(container, file).get("name");
        return list(pod, "volumes").stream().filter(v -> volume.equals(v.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + volume));
    }

    private static String mountedPath(Map<String, Object> container, String file) {
        String mountPath = (String) mountOf(container, file).get("mountPath");
        return file.substring(mountPath.length() + 1);
    }

    private static Map<String, Object> mountOf(Map<String, Object> container, String file) {
        return list(container, "volumeMounts").stream().filter(m -> file.startsWith(m.get("mountPath") + "/"))
                .max(java.util.Comparator.comparing(m -> ((String) m.get("mountPath")).length()))
                .orElseThrow(() -> new AssertionError(file + " is on no volume of " + container.get("name")));
    }

    private static String fieldRef(Map<String, Object> container, String variable) {
        return list(container, "env").stream().filter(e -> variable.equals(e.get("name"))).findFirst()
                .map(e -> (String) map(map(e, "valueFrom"), "fieldRef").get("fieldPath")).orElse(null);
    }

    private static Map<String, Object> only(List<Map<String, Object>> objects, String kind) {
        List<Map<String, Object>> found = kind(objects, kind);
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static List<Map<String, Object>> kind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return cast(parent.get(key));
    }

    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        List<Map<String, Object>> items = new ArrayList<>();
        if (value != null) {
            for (Object item : (List<?>) value) {
                items.add(cast(item));
            }
        }
        return items;
    }

    private static List<String> strings(Object value) {
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
