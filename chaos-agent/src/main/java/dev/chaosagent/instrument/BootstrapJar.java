package dev.chaosagent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * Puts the dispatcher on the bootstrap class path, where code woven into JDK classes can see it:
 * the build packs its classes into a small jar of their own, shipped inside the agent jar, which
 * is copied out to a file and appended. This must run before anything touches those classes, so
 * that no other loader defines them first.
 */
final class BootstrapJar {

    /** Made by the build (see the pom): the {@code dev.chaosagent.bootstrap} package and nothing else. */
    private static final String RESOURCE = "chaos-agent-bootstrap.jar";
    private static final String DISPATCHER = "dev.chaosagent.bootstrap.ChaosDispatcher";

    private BootstrapJar() {
    }

    static void install(Instrumentation instrumentation) throws IOException {
        if (isOnBootstrapPath()) {
            return;
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar().toFile()));
        try {
            Class.forName(DISPATCHER, true, null);
        } catch (ClassNotFoundException e) {
            throw new IOException("the dispatcher did not load from the bootstrap class path", e);
        }
    }

    /**
     * The small jar, named by a hash of its content so that every JVM on the machine shares one file
     * and a JVM that is killed leaves nothing new behind; written once, atomically.
     */
    private static Path jar() throws IOException {
        byte[] bytes;
        try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the agent jar lacks " + RESOURCE);
            }
            bytes = in.readAllBytes();
        }
        Path jar = Path.of(System.getProperty("java.io.tmpdir"), "chaos-agent-bootstrap-" + hash(bytes) + ".jar");
        if (Files.isReadable(jar) && ownedByThisUser(jar) && Arrays.equals(Files.readAllBytes(jar), bytes)) {
            return jar;
        }
        Path partial = Files.createTempFile(jar.getParent(), "chaos-agent-bootstrap", ".partial");
        try {
            Files.write(partial, bytes);
            Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } catch (IOException e) {
            // Another user's file of that name, say: use this JVM's own copy.
            partial.toFile().deleteOnExit();
            return partial;
        }
    }

    /**
     * Classes from this file go to the bootstrap loader: a file of that name that another user made
     * could be changed by them after it is compared, so only the user's own is shared.
     */
    private static boolean ownedByThisUser(Path file) {
        try {
            UserPrincipal user = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
            return Files.getOwner(file).equals(user);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // a user without a name (a container's random uid, say): a private copy then
        }
    }

    /** CRC-32 names the content well enough: the file is compared byte for byte before it is used. */
    private static String hash(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Long.toHexString(crc.getValue()) + "-" + bytes.length;
    }

    /** True after an earlier attach in this JVM put it there. */
    private static boolean isOnBootstrapPath() {
        try {
            Class.forName(DISPATCHER, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
