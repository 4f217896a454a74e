package dev.chaosagent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A ConfigMap or Downward API volume, updated as the kubelet's {@code AtomicWriter} updates it: the
 * new files go into a fresh timestamped directory ({@code ..2026_12_02_05_00_00.123456789}), a
 * {@code ..data_tmp} symlink to it is renamed over {@code ..data}, and each file the pod sees is a
 * symlink {@code NAME -> ..data/NAME}. A reader of {@code NAME} sees the old content or the new,
 * whole, never a mix.
 */
final class KubeletVolume {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.");

    private final Path dir;
    private int versions;

    KubeletVolume(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The path a container reads, e.g. {@code /etc/chaos/plan.yaml}. */
    Path file(String name) {
        return dir.resolve(name);
    }

    /** Publishes these files as the volume's new content, whole. */
    void publish(Map<String, String> files) throws IOException {
        Path next = prepare();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(next.resolve(file.getKey()), file.getValue());
        }
        swap(next, files);
    }

    /**
     * Writes the first part of a file into the next version's directory and returns the step that
     * writes the rest and publishes it: what a reader can see between the two is what a slow kubelet
     * write looks like.
     */
    Publication publishSlowly(String name, String content) throws IOException {
        Path next = prepare();
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        Path target = next.resolve(name);
        Files.write(target, java.util.Arrays.copyOf(bytes, half));
        return () -> {
            Files.write(target, java.util.Arrays.copyOfRange(bytes, half, bytes.length), java.nio.file.StandardOpenOption.APPEND);
            swap(next, Map.of(name, content));
        };
    }

    /** The rest of a slow publication. */
    @FunctionalInterface
    interface Publication {
        void complete() throws IOException;
    }

    private Path prepare() throws IOException {
        String name = STAMP.format(LocalDateTime.now(ZoneOffset.UTC)) + String.format("%09d", ++versions);
        return Files.createDirectory(dir.resolve(name));
    }

    private void swap(Path next, Map<String, String> files) throws IOException {
        Path data = dir.resolve("..data");
        Path old = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
        Path tmp = dir.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, next.getFileName());
        Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String name : files.keySet()) {
            Path visible = dir.resolve(name);
            if (!Files.isSymbolicLink(visible)) {
                Files.createSymbolicLink(visible, Path.of("..data", name));
            }
        }
        if (old != null) {
            try (Stream<Path> walk = Files.walk(old)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
