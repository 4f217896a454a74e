package com.example.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The servlet every container fixture serves, and the filter in front of it. Its {@code service}
 * goes through {@code super.service}, as Spring's {@code FrameworkServlet} does, and the filter
 * wraps the request, as many filters do: the preset must count one request all the same.
 */
final class CountingServlet extends HttpServlet {

    private final Counters counters;

    CountingServlet(Counters counters) {
        this.counters = counters;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(counters.handle(request.getMethod(), request.getRequestURI()));
    }

    static final class CountingFilter implements Filter {
        private final Counters counters;

        CountingFilter(Counters counters) {
            this.counters = counters;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            counters.filtered.incrementAndGet();
            chain.doFilter(new jakarta.servlet.http.HttpServletRequestWrapper((HttpServletRequest) request), response);
        }
    }
}
