package dev.chaosagent.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder pipes a TCP connection on 127.0.0.1 both ways to a Unix domain socket, and its close ends both. */
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
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), forwarder.port()).close())
                    .as("nothing listens on its port any more").isInstanceOf(IOException.class);
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
