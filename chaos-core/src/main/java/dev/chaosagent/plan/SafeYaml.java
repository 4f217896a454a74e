package dev.chaosagent.plan;

import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Any YAML at all, through SnakeYAML's safe loader, for the plans {@link PlainYaml} declines. A
 * class of its own so that SnakeYAML's classes load only when such a plan comes.
 */
final class SafeYaml {

    private SafeYaml() {
    }

    static Object load(String text, String source, int maxCodePoints) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setAllowDuplicateKeys(false);
            options.setCodePointLimit(maxCodePoints);
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new InvalidPlanException(source, List.of("is not valid YAML (" + e.getMessage().replace('\n', ' ').trim() + ")"));
        } catch (RuntimeException e) {
            // SnakeYAML fails on some tags with a ClassCastException, say: still the user's YAML, not the agent.
            throw new InvalidPlanException(source, List.of("is not valid YAML (SnakeYAML cannot read it: " + e + ")"));
        }
    }
}
