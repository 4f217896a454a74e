package dev.chaosagent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes plan files the way users do: in place, or swapped in by rename. */
final class Plans {

    private Plans() {
    }

    static Path write(Path dir, String yaml) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, yaml);
        return plan;
    }

    /** Writes beside the plan and renames over it, as editors and config tools do. */
    static void swap(Path plan, String yaml) throws IOException {
        Path next = plan.resolveSibling(plan.getFileName() + ".next");
        Files.writeString(next, yaml);
        Files.move(next, plan, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
