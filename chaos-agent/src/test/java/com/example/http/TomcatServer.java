package com.example.http;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat on 127.0.0.1, port 0, serving {@link CountingServlet} behind its filter. */
final class TomcatServer {

    private TomcatServer() {
    }

    static int start(Counters counters) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "counting", new CountingServlet(counters));
        context.addServletMappingDecoded("/*", "counting");
        FilterDef filter = new FilterDef();
        filter.setFilterName("counting-filter");
        filter.setFilter(new CountingServlet.CountingFilter(counters));
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("counting-filter");
        mapping.addURLPatternDecoded("/*");
        context.addFilterMap(mapping);
        tomcat.start();
        return connector.getLocalPort();
    }
}
