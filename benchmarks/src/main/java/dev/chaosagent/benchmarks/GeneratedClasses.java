package dev.chaosagent.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes many small classes for the start-up and live-change measurements: {@code gen.hot.H0} ..
 * {@code gen.hot.H99} (what rules target) and {@code gen.cold.C0} ... (the rest), each with
 * {@code public static int run()} returning its number. Also copies the JDK-only programs that run
 * in the measured JVMs, so that their class path holds nothing of chaos-agent.
 */
final class GeneratedClasses {

    static final int HOT = 100;

    private GeneratedClasses() {
    }

    /** Writes {@code total} classes (100 hot, the rest cold) and the programs under {@code dir}. */
    static Path write(Path dir, int total) throws IOException {
        for (int i = 0; i < total; i++) {
            String name = i < HOT ? "gen/hot/H" + i : "gen/cold/C" + (i - HOT);
            Path file = dir.resolve(name + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, classFile(name, i & 0x7FFF));
        }
        for (Class<?> program : new Class<?>[] {LoadClasses.class, LiveTarget.class, ExitAfterMain.class}) {
            String resource = program.getName().replace('.', '/') + ".class";
            Path file = dir.resolve(resource);
            Files.createDirectories(file.getParent());
            try (InputStream in = GeneratedClasses.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, file);
            }
        }
        return dir;
    }

    /** {@code public class NAME { public static int run() { return value; } }}, Java 17 class file. */
    static byte[] classFile(String internalName, int value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);
        out.writeShort(61);
        out.writeShort(8);
        utf8(out, internalName);     // 1
        classRef(out, 1);            // 2
        utf8(out, "java/lang/Object"); // 3
        classRef(out, 3);            // 4
        utf8(out, "run");            // 5
        utf8(out, "()I");            // 6
        utf8(out, "Code");           // 7
        out.writeShort(0x21);
        out.writeShort(2);
        out.writeShort(4);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(1);
        out.writeShort(0x09);
        out.writeShort(5);
        out.writeShort(6);
        out.writeShort(1);
        out.writeShort(7);
        byte[] code = {0x11, (byte) (value >> 8), (byte) value, (byte) 0xAC};
        out.writeInt(12 + code.length);
        out.writeShort(1);
        out.writeShort(0);
        out.writeInt(code.length);
        out.write(code);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(0);
        return bytes.toByteArray();
    }

    private static void utf8(DataOutputStream out, String text) throws IOException {
        out.writeByte(1);
        out.writeUTF(text);
    }

    private static void classRef(DataOutputStream out, int nameIndex) throws IOException {
        out.writeByte(7);
        out.writeShort(nameIndex);
    }
}
