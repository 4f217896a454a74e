package dev.chaosagent.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder pipes a TCP connection on 127.0.0.1 both ways to a Unix domain socket, and its close ends both and every thread it started. */
class LoopbackForwarderTest {

    @Test
    void aConnectionToItsPortTalksToTheSocketBothWaysUntilItCloses(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("echo.sock");
        try (ServerSocketChannel echo = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            echo.bind(UnixDomainSocketAddress.of(socket));
            Thread server = new Thread(() -> echoUpperCase(echo), "echo");
            server.setDaemon(true);
            server.start();
            LoopbackForwarder forwarder = LoopbackForwarder.to(socket);
            assertThat(forwarder.port()).isPositive();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarder.port())) {
                client.setSoTimeout(10_000);
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                out.write("ping\n".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(in.readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("PING\n");
                out.write("again\n".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(in.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("AGAIN\n");

                forwarder.close();
                assertThat(in.read()).as("the forwarder's close ends the connection").isEqualTo(-1);
            }
            // Not "the port refuses": once released, the port is anyone's on a shared machine (and a
            // loopback connect can even meet itself). What close promises is that no thread is left.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(thread -> thread.getName().startsWith("forwarder"))
                    .as("the forwarder's threads, after its close").isEmpty());
        }
    }

    private static void echoUpperCase(ServerSocketChannel echo) {
        try (SocketChannel connection = echo.accept()) {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            while (connection.read(buffer) >= 0) {
                buffer.flip();
                String text = StandardCharsets.UTF_8.decode(buffer).toString().toUpperCase();
                connection.write(StandardCharsets.UTF_8.encode(text));
                buffer.clear();
            }
        } catch (IOException closed) {
            // the test is over
        }
    }
}
