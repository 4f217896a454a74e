package dev.chaosagent.agent;

import dev.chaosagent.plan.InvalidPlanException;
import dev.chaosagent.plan.Plan;
import dev.chaosagent.plan.PlanParser;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.RuleParser;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A file the agent reads as it is now: the plan, the pod's labels. No logger here: premain reads the plan before there is one. */
final class PlanFile {

    private PlanFile() {
    }

    /**
     * Whether the plan, as its file reads now, defines no rule and no experiment: then nothing of it
     * can act before the application's first classes load. A plan that cannot be read or parsed arms
     * nothing either; the watcher reports it.
     */
    static boolean definesNoRule(Path file) {
        try {
            Plan plan = new PlanParser(RuleParser.forCurrentThread()).parse(new String(read(file), StandardCharsets.UTF_8), file.toString());
            return plan.rules().isEmpty() && plan.experiment() == null;
        } catch (IOException | InvalidPlanException | InvalidRuleException e) {
            return true;
        }
    }

    /**
     * The file's bytes, through {@code java.io}: its classes are in the JDK's class-data sharing
     * archive, where {@code Files.readAllBytes}'s channels are not (some 25 classes to load and
     * verify on premain).
     */
    static byte[] read(Path path) throws IOException {
        File file = path.toFile();
        try (InputStream in = new FileInputStream(file)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            if (!file.exists()) {
                throw new NoSuchFileException(path.toString());
            }
            throw e;
        }
    }
}
