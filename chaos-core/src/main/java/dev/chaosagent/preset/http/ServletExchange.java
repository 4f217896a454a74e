package dev.chaosagent.preset.http;

/**
 * A request of a Servlet container ({@code jakarta.servlet}: Tomcat, Jetty, Spring MVC's
 * {@code DispatcherServlet}), at {@code Servlet#service(ServletRequest, ServletResponse)}: the
 * filters in front have run, the servlet has not.
 */
final class ServletExchange extends HttpOperation {

    static final String REQUEST = "jakarta.servlet.ServletRequest";
    private static final String HTTP_REQUEST = "jakarta.servlet.http.HttpServletRequest";
    private static final String HTTP_RESPONSE = "jakarta.servlet.http.HttpServletResponse";
    private static final Class<?>[] STRING = {String.class};
    private static final Class<?>[] INT = {int.class};

    private final Object request;
    private final Object response;

    private ServletExchange(Object request, Object response) {
        this.request = request;
        this.response = response;
    }

    /**
     * The request, or null when this call is no new request: not HTTP, or a forward, include, error
     * page or async dispatch of a request that the servlet already saw once.
     */
    static ServletExchange of(Object request, Object response) {
        if (request == null || !LibraryMethods.isA(request, HTTP_REQUEST)) {
            return null;
        }
        Object dispatch = LibraryMethods.call(request, REQUEST, "getDispatcherType");
        return String.valueOf(dispatch).equals("REQUEST") ? new ServletExchange(request, response) : null;
    }

    @Override
    public String method() {
        return (String) LibraryMethods.call(request, HTTP_REQUEST, "getMethod");
    }

    @Override
    public String path() {
        return (String) LibraryMethods.call(request, HTTP_REQUEST, "getRequestURI");
    }

    @Override
    public String header(String name) {
        return (String) LibraryMethods.call(request, HTTP_REQUEST, "getHeader", STRING, name);
    }

    /** Sets the status and an empty body; the container sends them once the (skipped) servlet returns. */
    @Override
    Object answer(int status, String returnType) {
        LibraryMethods.call(response, HTTP_RESPONSE, "setStatus", INT, status);
        LibraryMethods.call(response, HTTP_RESPONSE, "setContentLength", INT, 0);
        return null;
    }
}
