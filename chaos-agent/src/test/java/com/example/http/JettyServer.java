package com.example.http;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10, Servlet 6) on 127.0.0.1, port 0, serving {@link CountingServlet} behind its filter. */
final class JettyServer {

    private JettyServer() {
    }

    static int start(Counters counters) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new CountingServlet(counters)), "/*");
        context.addFilter(new FilterHolder(new CountingServlet.CountingFilter(counters)), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }
}
