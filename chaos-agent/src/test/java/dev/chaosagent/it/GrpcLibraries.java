package dev.chaosagent.it;

import dev.chaosagent.harness.CommandLoop;
import dev.chaosagent.harness.ForkedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * grpc-java's version matrix for the gRPC presets: one folder of run-time jars per version under
 * {@code target/it-libs/grpc} ({@code grpc-1.60.2}, {@code grpc-1.85.1}), copied by the build.
 */
final class GrpcLibraries {

    private static final Path ROOT = Path.of(System.getProperty("chaos.it.libs", "target/it-libs"), "grpc");

    private GrpcLibraries() {
    }

    /** The folders of the matrix, oldest first by name. */
    static List<String> versions() throws IOException {
        try (Stream<Path> folders = Files.list(ROOT)) {
            return folders.map(folder -> folder.getFileName().toString()).sorted().toList();
        }
    }

    /** The version's jars, and the harness's, whose {@code CommandLoop} the test application serves. */
    static List<Path> jarsOf(String version) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(version))) {
            List<Path> jars = new ArrayList<>(files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList());
            jars.add(ForkedJvm.codeSource(CommandLoop.class));
            return jars;
        }
    }
}
