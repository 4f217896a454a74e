package dev.chaosagent.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP port on 127.0.0.1 in front of a server that listens on a Unix domain socket only: for the
 * servers the tests start (Redis, PostgreSQL) that cannot bind port 0 and say which port they got.
 * The forwarder binds port 0 and reads its port back, so no test ever guesses a free port; each
 * connection it accepts is piped, both ways, to a new connection to the socket, on daemon threads.
 * {@link #close()} stops accepting and closes every connection.
 */
public final class LoopbackForwarder implements AutoCloseable {

    private final ServerSocketChannel listener;
    private final UnixDomainSocketAddress socket;
    private final int port;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LoopbackForwarder(ServerSocketChannel listener, UnixDomainSocketAddress socket) throws IOException {
        this.listener = listener;
        this.socket = socket;
        this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** Starts forwarding a new port of 127.0.0.1 to the Unix domain socket at {@code socket} (which need not exist yet). */
    public static LoopbackForwarder to(Path socket) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        LoopbackForwarder forwarder = new LoopbackForwarder(listener, UnixDomainSocketAddress.of(socket));
        daemon("forwarder " + forwarder.port() + " -> " + socket, forwarder::accept).start();
        return forwarder;
    }

    /** The port on 127.0.0.1 that clients connect to. */
    public int port() {
        return port;
    }

    private void accept() {
        while (!closed) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException stopped) {
                return;
            }
            SocketChannel server = connectToSocket();
            if (server == null) {
                closeQuietly(client); // as a refused connection: the client sees its connection end
                continue;
            }
            open.add(client);
            open.add(server);
            AtomicInteger ended = new AtomicInteger();
            daemon("forwarder to " + socket, () -> pipe(client, server, ended)).start();
            daemon("forwarder from " + socket, () -> pipe(server, client, ended)).start();
        }
    }

    /** A new connection to the socket, or null when nothing listens there (yet). */
    private SocketChannel connectToSocket() {
        SocketChannel server = null;
        try {
            server = SocketChannel.open(StandardProtocolFamily.UNIX);
            server.connect(socket);
            return server;
        } catch (IOException notListening) {
            if (server != null) {
                closeQuietly(server);
            }
            return null;
        }
    }

    /**
     * Copies until {@code from} ends, then ends {@code to}'s output, as the peer did (a half close);
     * the connection closes once both directions have ended, or at once when either breaks.
     */
    private void pipe(SocketChannel from, SocketChannel to, AtomicInteger ended) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
            if (ended.incrementAndGet() == 2) {
                closeBoth(from, to);
            }
        } catch (IOException broken) {
            closeBoth(from, to);
        }
    }

    private void closeBoth(SocketChannel one, SocketChannel other) {
        closeQuietly(one);
        closeQuietly(other);
        open.remove(one);
        open.remove(other);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing: nothing more to do with it
        }
        for (SocketChannel channel : open) {
            closeQuietly(channel);
        }
        open.clear();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already broken: closed is what we wanted
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
