package dev.chaosagent.preset.http;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.preset.PresetMethod;
import java.util.List;

/**
 * {@code preset=http-server}: one HTTP request a server handles, bound where the handler is about to
 * run (the filters in front of it have run):
 * <ul>
 * <li>{@code jakarta.servlet.Servlet#service(ServletRequest, ServletResponse)}: Tomcat, Jetty, and
 * Spring MVC's {@code DispatcherServlet}, whose {@code FrameworkServlet} overrides the protected
 * {@code service(HttpServletRequest, HttpServletResponse)} instead, so {@code super.service} is
 * inside the one call; forwards, includes, error pages and async dispatches are not new requests;</li>
 * <li>{@code com.sun.net.httpserver.HttpHandler#handle}: the JDK's server calls its own link handler
 * after the application's filters, and then the context's handler, inside the same call;</li>
 * <li>Spring WebFlux's {@code HttpHandler#handle(ServerHttpRequest, ServerHttpResponse)}, where Spring
 * takes the request from Netty (or another server), before its {@code WebFilter}s and handlers; the
 * status is set and the response completed, as the {@code Mono<Void>} the handler would return.</li>
 * </ul>
 */
public final class HttpServerPreset extends HttpPreset {

    public static final HttpServerPreset INSTANCE = new HttpServerPreset();

    private HttpServerPreset() {
        super("http-server", List.of(
                PresetMethod.of("jakarta.servlet.Servlet+#service(jakarta.servlet.ServletRequest,jakarta.servlet.ServletResponse)",
                        Operand.arguments()),
                PresetMethod.of("com.sun.net.httpserver.HttpHandler+#handle(com.sun.net.httpserver.HttpExchange)", Operand.argument(0)),
                PresetMethod.of("org.springframework.http.server.reactive.HttpHandler+#handle(org.springframework.http.server.reactive.ServerHttpRequest,"
                        + "org.springframework.http.server.reactive.ServerHttpResponse)", Operand.arguments())));
    }

    @Override
    public PresetKey key(String key) {
        return switch (key) {
            case "http.method" -> HttpKeys.METHOD;
            case "http.path" -> HttpKeys.PATH;
            default -> HttpKeys.header(key);
        };
    }

    @Override
    public List<String> keyNames() {
        return List.of("http.method", "http.path", "http.header.NAME");
    }

    @Override
    public Fault defaultFault(ClassLoader loader) {
        return new StatusFault(503);
    }

    /** A request fails when its response's status is 500 or more, as its client sees it, whether or not something was thrown. */
    @Override
    public boolean failed(Object operand) throws Throwable {
        return ResponseStatus.of(operand) >= 500;
    }

    @Override
    public String library() {
        return "a Servlet container (jakarta.servlet), Spring WebFlux or the JDK's com.sun.net.httpserver";
    }

    /** The JDK's own server is there unless a trimmed runtime left its module out. */
    @Override
    public List<String> libraryMarkers() {
        return List.of("com/sun/net/httpserver/HttpServer.class", "jakarta/servlet/Servlet.class",
                "org/springframework/http/server/reactive/HttpHandler.class");
    }
}
