package dev.chaosagent.plan;

import java.util.List;
import java.util.Map;

/**
 * Which JVMs of a fleet a plan arms ({@code select}): every condition given must hold. With none,
 * every JVM. A JVM decides by itself, from its {@link PodIdentity}; no JVM knows the others.
 *
 * @param pods   the share of the fleet in hundredths of a percent (0 to {@value PodHash#BUCKETS}), or null
 * @param names  the pods' names, or null
 * @param labels labels the pod must have, with these values, or null
 */
public record Selection(Integer pods, List<String> names, Map<String, String> labels) {

    /** No {@code select}: every JVM. */
    public static final Selection EVERY = new Selection(null, null, null);

    public Selection {
        names = names == null ? null : List.copyOf(names);
        labels = labels == null ? null : Map.copyOf(labels);
    }

    /** Whether deciding needs the pod's identity at all. */
    public boolean needsIdentity() {
        return pods != null || names != null || labels != null;
    }

    /**
     * What the plan itself says about the fleet: why it selects no JVM at all ({@code pods: 0%},
     * {@code names: []}), or null when it may select some. Whether label or name conditions match
     * any pod only the fleet can tell (see the share of pods armed in Prometheus).
     */
    public String selectsNoJvm() {
        if (pods != null && pods == 0) {
            return "select.pods: 0%";
        }
        if (names != null && names.isEmpty()) {
            return "select.names: []";
        }
        return null;
    }

    /** Why this pod is not selected, or null when it is. */
    public String whyNot(String plan, PodIdentity pod) {
        if (names != null && !names.contains(pod.name())) {
            return pod.describe() + " is not in select.names " + names;
        }
        if (labels != null) {
            for (Map.Entry<String, String> label : labels.entrySet()) {
                String actual = pod.labels().get(label.getKey());
                if (!label.getValue().equals(actual)) {
                    return pod.describe() + " has " + (actual == null ? "no label " + label.getKey()
                            : "label " + label.getKey() + "=" + actual) + ", select.labels wants " + label.getKey() + "=" + label.getValue();
                }
            }
        }
        if (pods != null) {
            int bucket = PodHash.bucket(plan, pod.name());
            if (bucket >= pods) {
                return pod.describe() + " is outside the " + share(pods) + " share (its bucket is " + bucket
                        + "; the share takes buckets below " + pods + " of " + PodHash.BUCKETS + ")";
            }
        }
        return null;
    }

    /** {@code 33%}, {@code 12.5%}: a share as a plan writes it. */
    static String share(int hundredths) {
        String fraction = hundredths % 100 == 0 ? "" : String.format(".%02d", hundredths % 100).replaceAll("0$", "");
        return hundredths / 100 + fraction + "%";
    }
}
