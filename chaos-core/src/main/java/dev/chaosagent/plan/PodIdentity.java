package dev.chaosagent.plan;

import java.util.Map;

/**
 * Who this JVM is in the fleet: its pod's name (environment variable {@code POD_NAME}, else
 * {@code HOSTNAME}, which Kubernetes sets to the pod's name), namespace ({@code POD_NAMESPACE}) and
 * labels (from the Downward API file, see {@link PodLabels}).
 *
 * @param namespace null when not known
 */
public record PodIdentity(String name, String namespace, Map<String, String> labels) {

    public PodIdentity {
        labels = Map.copyOf(labels);
    }

    /** The identity the environment gives, with these labels. */
    public static PodIdentity fromEnvironment(Map<String, String> environment, Map<String, String> labels) {
        String name = nonBlank(environment.get("POD_NAME"));
        if (name == null) {
            name = nonBlank(environment.get("HOSTNAME"));
        }
        if (name == null) {
            name = hostName();
        }
        return new PodIdentity(name, nonBlank(environment.get("POD_NAMESPACE")), labels);
    }

    public PodIdentity withLabels(Map<String, String> newLabels) {
        return new PodIdentity(name, namespace, newLabels);
    }

    /** {@code pod NAME} or {@code pod NAMESPACE/NAME}, for messages. */
    public String describe() {
        return "pod " + (namespace == null ? "" : namespace + "/") + name;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
